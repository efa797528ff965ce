import { mkdirSync } from 'node:fs';
import { PGlite, protocol } from '@electric-sql/pglite';
import { dataRows } from './raw-rows';
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
    async queryBytes(sql, params = []) {
      const { parse, bind, execute, sync } = protocol.serialize;
      const message = Buffer.concat([parse({ text: sql }), bind({ values: params.map(String) }), execute({}), sync()]);
      // The raw stream, unlike execProtocolRaw, leaves the response unparsed (undecoded). It also
      // skips PGlite's dispatch of notifications, which a read arrives with none of: a NOTIFY
      // reaches this single session in the answer to the COMMIT that sent it.
      const chunks: Buffer[] = [];
      const onRawData = (chunk: Uint8Array) => void chunks.push(Buffer.from(chunk)); // a copy: it is a view of wasm memory
      // Never inside another caller's open transaction: a transaction of its own (public API)
      // takes PGlite's transaction mutex, as pg.query() does, and runExclusive its query mutex.
      // The rows are parsed inside it, so that a database error is thrown there and rolls it back.
      return pg.transaction(async () => {
        await pg.runExclusive(() => pg.execProtocolRawStream(message, { syncToFs: false, onRawData }));
        return dataRows(Buffer.concat(chunks));
      });
    },
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
