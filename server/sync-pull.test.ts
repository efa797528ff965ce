import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Appeal } from '../shared/domain';
import { BACKENDS } from './test-support/backends';
import { startTestServer, type TestServer } from './test-support/server';
import { pullAll, replay } from './test-support/sync';

describe.each(BACKENDS)('sync pull (%s)', (backend) => {
  let s: TestServer;
  const tokens: Record<string, string> = {};
  beforeAll(async () => {
    s = await startTestServer(backend);
    for (const u of ['operator', 'operator2', 'curator']) tokens[u] = (await s.login(u)).accessToken;
  });
  afterAll(async () => s?.close());

  const appealIds = (state: Map<string, unknown>) =>
    [...state.keys()].filter((k) => k.startsWith('appeal:')).map((k) => k.slice(7)).sort();

  it('a clerk receives their municipality, the shared records and their own templates only', async () => {
    const state = replay((await pullAll(s, tokens.operator!)).changes);
    expect(appealIds(state)).toEqual(['a-m1', 'a-m2', 'a-m3']);
    expect(state.has('template:t-own')).toBe(true);
    expect(state.has('template:t-shared')).toBe(true);
    expect(state.has('municipality:takhtamukaysky')).toBe(true);
    expect(state.has('user:u-operator2')).toBe(true);
    expect([...state.values()].some((v) => (v as Appeal).municipalityId === 'takhtamukaysky' && 'status' in (v as object))).toBe(false);

    const other = replay((await pullAll(s, tokens.operator2!)).changes);
    expect(appealIds(other)).toEqual(['a-t1']);
    expect(other.has('template:t-own')).toBe(false);
  });

  it('the region curator receives every appeal but not a clerk’s private templates', async () => {
    const state = replay((await pullAll(s, tokens.curator!)).changes);
    expect(appealIds(state)).toEqual(['a-m1', 'a-m2', 'a-m3', 'a-t1']);
    expect(state.has('template:t-own')).toBe(false);
  });

  it('pages follow the cursor without gaps or repeats, and the last page says there is no more', async () => {
    const whole = await pullAll(s, tokens.operator!);
    const paged = await pullAll(s, tokens.operator!, 0, 2);
    expect(paged.pages).toBeGreaterThan(3);
    expect(paged.changes.map((c) => c.seq)).toEqual(whole.changes.map((c) => c.seq));
    expect(paged.cursor).toBe(whole.cursor);
    const empty = await s.call('GET', `/api/v1/sync/pull?cursor=${whole.cursor}`, { token: tokens.operator });
    expect(empty.body).toEqual({ changes: [], cursor: whole.cursor, hasMore: false });
  });

  it('pulling needs a valid token', async () => {
    expect((await s.call('GET', '/api/v1/sync/pull')).status).toBe(401);
  });
});
