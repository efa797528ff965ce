import pg from 'pg';
import type { Db, NotificationListener, Queryable } from './types';

const INT8_OID = 20;

/** Counts and seqs stay far below 2^53; numbers are what both backends then return. */
const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === INT8_OID) return (value: string) => Number(value);
    return pg.types.getTypeParser(oid, format);
  },
} as pg.CustomTypesConfig;

function wrap(client: pg.Pool | pg.PoolClient): Queryable {
  return {
    async query<T>(sql: string, params?: readonly unknown[]) {
      const res = await client.query(sql, params ? [...params] : undefined);
      return { rows: res.rows as T[] };
    },
    async exec(sql: string) {
      await client.query(sql);
    },
  };
}

/** A LISTEN connection that comes back after the database restarts or the network drops. */
function listenWithReconnect(url: string, channel: string, cb: NotificationListener) {
  let client: pg.Client | null = null;
  let stopped = false;
  let retry: NodeJS.Timeout | null = null;
  let lostOnce = false;

  const connect = async (): Promise<void> => {
    const c = new pg.Client({ connectionString: url, types });
    c.on('notification', (msg) => {
      if (msg.channel === channel) cb(msg.payload ?? '');
    });
    c.on('error', () => scheduleReconnect(c));
    c.on('end', () => scheduleReconnect(c));
    await c.connect();
    await c.query(`LISTEN ${channel}`);
    client = c;
    if (lostOnce) cb(null);
  };

  const scheduleReconnect = (c: pg.Client) => {
    if (stopped || client !== c) return;
    client = null;
    lostOnce = true;
    c.removeAllListeners('end');
    void c.end().catch(() => undefined);
    const attempt = () => {
      retry = null;
      if (stopped) return;
      connect().catch(() => {
        if (!stopped) retry = setTimeout(attempt, 1000);
      });
    };
    retry = setTimeout(attempt, 200);
  };

  return {
    start: connect,
    async stop() {
      stopped = true;
      if (retry) clearTimeout(retry);
      const c = client;
      client = null;
      if (c) await c.end().catch(() => undefined);
    },
  };
}

export async function openPostgres(url: string, poolSize = 10): Promise<Db> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize, types });
  // An idle client losing its connection must not crash the process; the pool replaces it.
  pool.on('error', () => undefined);
  const listeners: Array<{ stop(): Promise<void> }> = [];
  const root = wrap(pool);
  return {
    kind: 'postgres',
    query: root.query,
    exec: root.exec,
    async queryBytes(sql, params = []) {
      // node-postgres decodes every field into a string whatever the result format; re-encoded
      // here. (The decoding costs a native PostgreSQL server process little next to PGlite's.)
      const res = await pool.query<(string | null)[]>({ text: sql, values: [...params], rowMode: 'array' });
      return res.rows.map((row) => row.map((v) => (v === null ? null : Buffer.from(v))));
    },
    async tx(fn) {
      const client = await pool.connect();
      let broken = false;
      try {
        await client.query('BEGIN');
        const result = await fn(wrap(client));
        await client.query('COMMIT');
        return result;
      } catch (e) {
        try {
          await client.query('ROLLBACK');
        } catch {
          broken = true;
        }
        throw e;
      } finally {
        client.release(broken);
      }
    },
    async listen(channel, cb) {
      const l = listenWithReconnect(url, channel, cb);
      await l.start();
      listeners.push(l);
      return () => l.stop();
    },
    async close() {
      await Promise.all(listeners.map((l) => l.stop()));
      await pool.end();
    },
  };
}
