/// <reference lib="webworker" />
/**
 * The search worker: its own connection to the replica and the stem index, kept current from the
 * writes the window tells it of.
 */
import { getDb } from '../db';
import { serveSearch } from './protocol';
import { AppealSearch } from './query';

const engine = new AppealSearch(getDb(), { listen: false, slice: false });
engine.start();
serveSearch(engine, self as unknown as Parameters<typeof serveSearch>[1]);
