import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeTx } from './changes';
import { migrate } from './db/migrate';
import { seedDemo } from './db/seed';
import type { Db } from './db/types';
import { pullPage } from './pull';
import { callerScope } from './scopes';
import { createTestDatabase, type TestDatabase } from './test-support/backends';
import { tinyDemoData } from './test-support/fixture';
import { pullResponseSchema, type Change } from '../shared/protocol';

const region = callerScope({ id: 'u-admin', role: 'admin', municipalityId: null });

async function addNote(db: Db, appealId: string, hooks?: { beforeCommit?: () => Promise<void> }): Promise<string> {
  const id = randomUUID();
  await writeTx(
    db,
    async (q, changes) => {
      await q.query(
        `INSERT INTO notes (id, appeal_id, author_id, author_name, body, created_at) VALUES ($1, $2, 'u-admin', 'A', 'x', now())`,
        [id, appealId],
      );
      changes.upsert('note', id, 'm:maykop');
    },
    hooks,
  );
  return id;
}

async function pullFrom(db: Db, cursor: number): Promise<{ changes: Change[]; cursor: number }> {
  const page = await pullPage(db, region, cursor, 5000);
  return pullResponseSchema.parse(JSON.parse(page.body.toString()));
}

describe('change log seq on PostgreSQL with concurrent writers', () => {
  let database: TestDatabase;
  let writerA: Db;
  let writerB: Db;
  let reader: Db;

  beforeAll(async () => {
    database = await createTestDatabase('postgres');
    writerA = await database.open();
    writerB = await database.open();
    reader = await database.open();
    await migrate(writerA);
    await seedDemo(writerA, tinyDemoData());
  });
  afterAll(async () => database?.dispose());

  it('a writer that takes its seq first and commits last is never skipped by a pull in between', async () => {
    const start = (await pullFrom(reader, 0)).cursor;
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let aHasSeq!: () => void;
    const aReady = new Promise<void>((r) => (aHasSeq = r));

    // A appends its change rows, then holds its transaction open.
    const a = addNote(writerA, 'a-m1', {
      beforeCommit: async () => {
        aHasSeq();
        await gate;
      },
    });
    await aReady;
    // B touches unrelated rows and tries to commit meanwhile.
    let bDone = false;
    const b = addNote(writerB, 'a-t1').then((id) => ((bDone = true), id));
    await new Promise((r) => setTimeout(r, 300));

    let between: { changes: Change[]; cursor: number };
    try {
      // B cannot get ahead of A: nothing is visible past the cursor yet.
      expect(bDone).toBe(false);
      between = await pullFrom(reader, start);
      expect(between.changes).toEqual([]);
    } finally {
      // Also on failure: an open transaction would keep the database from being dropped.
      release();
    }
    const [idA, idB] = await Promise.all([a, b]);
    const after = await pullFrom(reader, between.cursor);
    const seqOf = (id: string) => after.changes.find((c) => c.id === id)?.seq;
    expect(seqOf(idA)).toBeDefined();
    expect(seqOf(idB)).toBeDefined();
    expect(seqOf(idA)!).toBeLessThan(seqOf(idB)!);
  });

  it('a reader pulling while many writers commit sees every change exactly once', async () => {
    let cursor = (await pullFrom(reader, 0)).cursor;
    const seen: number[] = [];
    let writing = true;
    const puller = (async () => {
      while (writing) {
        const page = await pullFrom(reader, cursor);
        seen.push(...page.changes.map((c) => c.seq));
        cursor = page.cursor;
      }
      const last = await pullFrom(reader, cursor);
      seen.push(...last.changes.map((c) => c.seq));
    })();
    const dbs = [writerA, writerB];
    const ids = await Promise.all(Array.from({ length: 120 }, (_, i) => addNote(dbs[i % 2]!, i % 3 ? 'a-m2' : 'a-t1')));
    writing = false;
    await puller;
    expect(seen.length).toBe(ids.length);
    expect(new Set(seen).size).toBe(ids.length);
    expect([...seen].sort((x, y) => x - y)).toEqual(seen);
  });
});
