import { PUSH_MAX_MUTATIONS, type MutationEnvelope, type PushResponse } from '../../shared/protocol';
import type { OtklikDb } from '../db/schema';
import { ApiError } from './api';
import { applyPushResults, pendingEntries } from './outbox';

/**
 * Replies can be 10,000 characters: 100 per batch keeps a request under ~2 MB on a bad link,
 * well inside the protocol's limit of PUSH_MAX_MUTATIONS.
 */
export const PUSH_BATCH = Math.min(100, PUSH_MAX_MUTATIONS);

export type SendBatch = (mutations: MutationEnvelope[]) => Promise<PushResponse>;

export interface PushOutcome {
  applied: number;
  rejected: number;
  /** The server stopped a batch early (a transient error): the rest waits for the next sync. */
  stopped: boolean;
}

/** Pushes this user's pending entries in outbox order until none is left or the server stops. */
export async function pushOutbox(db: OtklikDb, userId: string, send: SendBatch, batchSize = PUSH_BATCH): Promise<PushOutcome> {
  const outcome: PushOutcome = { applied: 0, rejected: 0, stopped: false };
  let size = Math.max(1, Math.min(batchSize, PUSH_MAX_MUTATIONS));
  for (;;) {
    const entries = await pendingEntries(db, userId, size);
    if (entries.length === 0) return outcome;
    let response: PushResponse;
    try {
      response = await send(entries.map((e) => ({ id: e.id, name: e.name, args: e.args })));
    } catch (error) {
      // Too big for the server's body limit: smaller batches, down to one mutation.
      if (error instanceof ApiError && error.code === 'payload_too_large' && size > 1) {
        size = Math.max(1, Math.floor(size / 2));
        continue;
      }
      throw error;
    }
    const { applied, rejected } = await applyPushResults(db, entries, response.results);
    outcome.applied += applied;
    outcome.rejected += rejected;
    if (applied + rejected < entries.length) {
      outcome.stopped = true;
      return outcome;
    }
  }
}
