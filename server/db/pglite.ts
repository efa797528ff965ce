import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import type { Db, NotificationListener, Queryable } from './types';

interface PgliteLike {
  query<T>(sql: string, params?: unknown[]): Promise<{ rows: T[] }>;
  exec(sql: string): Promise<unknown>;
}

function wrap(target: PgliteLike): Queryable {
  return {
    async query<T>(sql: string, params?: readonly unknown[]) {
      const res = await target.query<T>(sql, params ? [...params] : undefined);
      return { rows: res.rows };
    },
    async exec(sql: string) {
      await target.exec(sql);
    },
  };
}

/**
 * Nothing replicates from an embedded database, so the WAL need only serve crash recovery; with
 * wal_level=minimal the bulk demo seeding skips logging every row it writes.
 */
const START_PARAMS = [...PGlite.defaultStartParams, '-c', 'wal_level=minimal', '-c', 'max_wal_senders=0'];

/**
 * Embedded PostgreSQL. PGlite runs one statement at a time, and its `transaction` holds an
 * exclusive mutex for the whole transaction (plain queries wait on the same mutex), so concurrent
 * requests never interleave inside one another's transaction.
 */
export async function openPglite(dataDir: string | 'memory'): Promise<Db> {
  if (dataDir !== 'memory') mkdirSync(dataDir, { recursive: true });
  const pg = await PGlite.create({ ...(dataDir === 'memory' ? {} : { dataDir }), startParams: START_PARAMS });
  const root = wrap(pg);
  return {
    kind: 'pglite',
    query: root.query,
    exec: root.exec,
    tx: (fn) => pg.transaction((tx) => fn(wrap(tx))),
    async listen(channel: string, cb: NotificationListener) {
      const unlisten = await pg.listen(channel, (payload) => cb(payload));
      return async () => {
        if (!pg.closed) await unlisten();
      };
    },
    async close() {
      if (!pg.closed) await pg.close();
    },
  };
}
