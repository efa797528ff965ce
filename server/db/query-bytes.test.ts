import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, createTestDatabase, type TestDatabase } from '../test-support/backends';
import type { Db } from './types';

describe.each(BACKENDS)('queryBytes (%s)', (backend) => {
  let t: TestDatabase;
  let db: Db;
  beforeAll(async () => {
    t = await createTestDatabase(backend);
    db = await t.open();
  });
  afterAll(async () => t?.dispose());

  it('hands over text columns as their UTF-8 bytes, NULL as null, row by row', async () => {
    const rows = await db.queryBytes(`SELECT x::text, CASE WHEN x = 2 THEN NULL ELSE $1 || x END, '' FROM generate_series(1, $2::int) x`, ['Майкоп ✓ ', 3]);
    expect(rows.map((r) => r.map((c) => c?.toString('utf8') ?? null))).toEqual([
      ['1', 'Майкоп ✓ 1', ''],
      ['2', null, ''],
      ['3', 'Майкоп ✓ 3', ''],
    ]);
    expect(Buffer.isBuffer(rows[0]![1])).toBe(true);
  });

  it('answers nothing for no rows, and keeps megabytes whole', async () => {
    expect(await db.queryBytes('SELECT x::text FROM generate_series(1, 0) x')).toEqual([]);
    const [[big]] = (await db.queryBytes(`SELECT repeat('жк', 1500000)`)) as [[Buffer]];
    expect(big.length).toBe(6_000_000);
    expect(big.toString('utf8')).toBe('жк'.repeat(1_500_000));
  });

  it('throws the database error and stays usable', async () => {
    await expect(db.queryBytes('SELECT no_such_column FROM generate_series(1, 1)')).rejects.toMatchObject({ code: '42703' });
    await expect(db.queryBytes('SELECT 1/0')).rejects.toMatchObject({ code: '22012' });
    expect((await db.queryBytes(`SELECT 'ok'`))[0]![0]!.toString()).toBe('ok');
  });

  it('waits for a transaction in progress instead of reading inside it', async () => {
    await db.exec('CREATE TABLE qb_t (v text)');
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const tx = db.tx(async (q) => {
      await q.query(`INSERT INTO qb_t VALUES ('uncommitted')`);
      await held;
      await q.query('SELECT 1/0');
    });
    tx.catch(() => undefined);
    const read = db.queryBytes('SELECT count(*)::text FROM qb_t');
    await new Promise((r) => setTimeout(r, 50));
    release();
    await expect(tx).rejects.toBeTruthy();
    expect((await read)[0]![0]!.toString()).toBe('0');
  });
});
