import type { ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import type { Db } from './db/types';
import { LiveHub } from './live-hub';

/**
 * The hub's promise, "your changes in (after, seq] are all here", rests on seeing every
 * transaction's seqs one after the other. These cases feed it notices as PostgreSQL would
 * (including the ones it must not trust) over a log held in memory; the end-to-end cases over real
 * databases are in live.test.ts and cross-process-live.test.ts.
 */
interface Row {
  seq: number;
  scope: string;
  id: string;
}

function harness(head = 10) {
  const log: Row[] = [];
  let seq = head;
  let notify: (payload: string | null) => void = () => undefined;
  const db = {
    async query(sql: string, params?: readonly unknown[]) {
      if (sql.includes('FROM change_seq')) return { rows: [{ last: seq }] };
      const [after, to] = params as [number, number];
      return {
        rows: log
          .filter((r) => r.seq > after && r.seq <= to)
          .map((r) => ({ seq: r.seq, scope: r.scope, leave: false, entity: 'note', entity_id: r.id, json: JSON.stringify({ seq: r.seq, entity: 'note', id: r.id, op: 'delete' }) })),
      };
    },
    async listen(_channel: string, cb: (payload: string | null) => void) {
      notify = cb;
      return async () => undefined;
    },
  } as unknown as Db;
  /** A committed transaction: its rows in the log, then its notice (or none: a lost one). */
  const commit = (scopes: string[], options: { silent?: boolean } = {}) => {
    const first = seq + 1;
    for (const scope of scopes) log.push({ seq: ++seq, scope, id: `n${seq}` });
    if (!options.silent) notify(JSON.stringify({ first, seq, scopes }));
    return seq;
  };
  return { db, commit, lose: () => notify(null), head: () => seq };
}

function connection() {
  const frames: string[] = [];
  const res = { writableEnded: false, destroyed: false, write: (f: string) => frames.push(f), end() {}, destroy() {} } as unknown as ServerResponse;
  const pokes = () =>
    frames.filter((f) => f.startsWith('event: poke')).map((f) => JSON.parse(f.split('data: ')[1]!) as { seq: number; after?: number; changes?: Array<{ id: string }> });
  return { res, pokes };
}

const settle = () => new Promise((r) => setTimeout(r, 10));

describe('live hub', () => {
  it('carries each transaction to the workstations of its scope, continuing from the last one, and to nobody else', async () => {
    const h = harness();
    const hub = new LiveHub(h.db);
    await hub.start();
    const a = connection();
    const b = connection();
    hub.add(a.res, { kind: 'list', scopes: ['*', 'm:a'] }, 'u-a').hello(10);
    hub.add(b.res, { kind: 'list', scopes: ['*', 'm:b'] }, 'u-b').hello(10);
    const first = h.commit(['m:a']);
    await settle();
    h.commit(['m:b']);
    await settle();
    const third = h.commit(['m:a', 'm:a']);
    await settle();
    expect(a.pokes()).toEqual([
      { seq: first, after: 10, changes: [expect.objectContaining({ id: `n${first}` })] },
      // Complete from the last poke: the transaction of m:b in between was not A's.
      { seq: third, after: first, changes: [expect.objectContaining({ id: `n${third - 1}` }), expect.objectContaining({ id: `n${third}` })] },
    ]);
    expect(b.pokes()).toHaveLength(1);
    await hub.stop();
  });

  it('pokes plainly when it cannot vouch for what came between: a missed notice, a lost listener', async () => {
    const h = harness();
    const hub = new LiveHub(h.db);
    await hub.start();
    const a = connection();
    hub.add(a.res, { kind: 'list', scopes: ['*', 'm:a'] }, 'u-a').hello(10);
    h.commit(['m:a'], { silent: true });
    const after = h.commit(['m:b']);
    await settle();
    // A's change never announced: the next notice does not follow the last one, so everyone pulls.
    expect(a.pokes()).toEqual([{ seq: after }]);
    const next = h.commit(['m:a']);
    await settle();
    expect(a.pokes().at(-1)).toEqual({ seq: next, after, changes: [expect.objectContaining({ id: `n${next}` })] });
    h.lose();
    await settle();
    expect(a.pokes().at(-1)).toEqual({ seq: h.head() });
    await hub.stop();
  });

  it('handles the notices that came while it was reading in one poke', async () => {
    const h = harness();
    const hub = new LiveHub(h.db);
    await hub.start();
    const a = connection();
    hub.add(a.res, { kind: 'list', scopes: ['*', 'm:a'] }, 'u-a').hello(10);
    const seqs = [h.commit(['m:a']), h.commit(['m:a']), h.commit(['m:a'])];
    await settle();
    // The first notice is read alone; the two that came meanwhile go out together.
    expect(a.pokes()).toEqual([
      { seq: seqs[0], after: 10, changes: [expect.objectContaining({ id: `n${seqs[0]}` })] },
      { seq: seqs[2], after: seqs[0], changes: [expect.objectContaining({ id: `n${seqs[1]}` }), expect.objectContaining({ id: `n${seqs[2]}` })] },
    ]);
    await hub.stop();
  });
});
