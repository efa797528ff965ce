import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeAnalytics } from '../shared/analytics';
import { OPEN_STATUSES, type Appeal, type Reply } from '../shared/domain';
import { factsOf, type AppealFacts } from '../shared/facts';
import { currentPeriod, periodSpan, previousPeriod, trailingPeriods } from '../shared/periods';
import { computeWorklists, worklistClock, type WorklistBucket } from '../shared/worklists';
import { generateDemoData } from './seed/generate';
import { BACKENDS } from './test-support/backends';
import { startTestServer, type TestServer } from './test-support/server';
import { pullAll, push, replay, uid } from './test-support/sync';

/**
 * The supervisors' figures are computed on the workstation from the records it pulled. Here the
 * same computation runs over what a region supervisor pulls from a seeded server, and a sample of
 * the figures is checked against direct SQL counts on the server's tables.
 */
describe.each(BACKENDS)('analytics agree with SQL (%s)', (backend) => {
  let s: TestServer;
  let facts: AppealFacts[];
  let awaiting: Set<string>;
  const now = new Date();

  const count = async (where: string, params: unknown[] = []): Promise<number> => {
    const res = await s.db.query<{ n: number | string }>(`SELECT count(*) AS n FROM appeals a WHERE ${where}`, params);
    return Number(res.rows[0]!.n);
  };
  const groupCount = async (column: string, where: string, params: unknown[]): Promise<Map<string, number>> => {
    const res = await s.db.query<{ k: string | null; n: number | string }>(
      `SELECT ${column} AS k, count(*) AS n FROM appeals a WHERE ${where} GROUP BY ${column}`,
      params,
    );
    return new Map(res.rows.map((r) => [r.k ?? 'none', Number(r.n)]));
  };
  const iso = (ms: number) => new Date(ms).toISOString();

  beforeAll(async () => {
    s = await startTestServer(backend, {
      data: generateDemoData({ now, appealCount: 1500, seed: 11 }),
      approvalPolicy: { rules: { '*': ['*'] } },
    });
    const operator = await s.login('operator');
    // A few replies waiting for approval, for the worklists.
    const mine = (await s.db.query<{ id: string }>(`SELECT id FROM appeals WHERE assignee_id = 'u-operator' AND status = ANY($1) ORDER BY id LIMIT 4`, [OPEN_STATUSES]))
      .rows;
    const results = await push(
      s,
      operator.accessToken,
      mine.map((a) => ({ name: 'reply.submit', args: { replyId: uid('r'), appealId: a.id, body: 'Ответ на согласовании.' } })),
    );
    expect(results.every((r) => r.status === 'applied')).toBe(true);

    const curator = await s.login('curator');
    const state = replay((await pullAll(s, curator.accessToken)).changes);
    const appeals = [...state.entries()].filter(([k]) => k.startsWith('appeal:')).map(([, v]) => v as Appeal);
    const replies = [...state.entries()].filter(([k]) => k.startsWith('reply:')).map(([, v]) => v as Reply);
    facts = appeals.map((a) => factsOf(a));
    awaiting = new Set(replies.filter((r) => r.state === 'submitted').map((r) => r.appealId));
    expect(facts.length).toBe(1500);
    expect(awaiting.size).toBe(4);
  });
  afterAll(async () => s?.close());

  it('counts by sphere, source and municipality, totals and the monthly series', async () => {
    const period = previousPeriod(currentPeriod(now, 'month'));
    const a = computeAnalytics(facts, { period, granularity: 'month', now });
    for (const [which, p] of [['current', a.period], ['previous', a.previous]] as const) {
      const span = periodSpan(p);
      const params = [iso(span.start), iso(span.end)];
      const inPeriod = 'a.received_at >= $1 AND a.received_at < $2';
      expect(a.total[which]).toBe(await count(inPeriod, params));
      expect(a.total[which]).toBeGreaterThan(0);
      const spheres = await groupCount('a.category', inPeriod, params);
      for (const row of a.bySphere) expect([row.key, row[which]]).toEqual([row.key, spheres.get(row.key) ?? 0]);
      const sources = await groupCount('a.source', inPeriod, params);
      for (const row of a.bySource) expect([row.key, row[which]]).toEqual([row.key, sources.get(row.key) ?? 0]);
      const municipalities = await groupCount('a.municipality_id', inPeriod, params);
      expect(new Map(a.byMunicipality.filter((r) => r[which] > 0).map((r) => [r.key, r[which]]))).toEqual(municipalities);
    }
    const months = trailingPeriods(period.to, 'month', 12);
    expect(a.series.map((p) => p.period)).toEqual(months);
    for (const point of a.series) {
      const span = periodSpan(point.period);
      expect(point.count).toBe(await count('a.received_at >= $1 AND a.received_at < $2', [iso(span.start), iso(span.end)]));
    }
  });

  it('median time to first response, share answered on time and overdue now', async () => {
    const period = previousPeriod(currentPeriod(now, 'month'));
    const a = computeAnalytics(facts, { period, granularity: 'week', now });
    const span = periodSpan(period);
    const params = [iso(span.start), iso(span.end), now.toISOString()];
    const res = await s.db.query<{ median: number | string | null; due: number | string; on_time: number | string }>(
      `SELECT
         percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM a.first_responded_at - a.received_at)::float8 * 1000)
           FILTER (WHERE a.first_responded_at IS NOT NULL) AS median,
         count(*) FILTER (WHERE a.first_responded_at IS NOT NULL OR a.due_at < $3) AS due,
         count(*) FILTER (WHERE a.first_responded_at <= a.due_at) AS on_time
       FROM appeals a WHERE a.received_at >= $1 AND a.received_at < $2`,
      params,
    );
    const row = res.rows[0]!;
    expect(a.medianFirstResponseMs.current).not.toBeNull();
    expect(a.medianFirstResponseMs.current!).toBeCloseTo(Number(row.median), 0);
    expect(a.onTime.current).toEqual({ due: Number(row.due), onTime: Number(row.on_time) });
    expect(a.overdueNow).toBe(await count('a.status = ANY($1) AND a.due_at < $2', [OPEN_STATUSES, now.toISOString()]));
    expect(a.overdueNow).toBeGreaterThan(0);
  });

  it('the «единое пособие» topic matches a text search in SQL', async () => {
    const period = previousPeriod(currentPeriod(now, 'month'));
    const a = computeAnalytics(facts, { period, granularity: 'month', now });
    const topic = a.topics.find((t) => t.key === 'unified_benefit');
    expect(topic).toBeDefined();
    const nonWord = '[^А-Яа-яЁёA-Za-z0-9]';
    for (const [which, p] of [['current', a.period], ['previous', a.previous]] as const) {
      const span = periodSpan(p);
      const sql = await count(`a.received_at >= $1 AND a.received_at < $2 AND a.text ~ $3`, [
        iso(span.start),
        iso(span.end),
        `(^|${nonWord})[ЕеЁё]дин[а-яё]*${nonWord}+пособи`,
      ]);
      expect(topic![which]).toBe(sql);
    }
    expect(topic!.current + topic!.previous).toBeGreaterThan(0);
  });

  it('worklists per clerk: open, due today, overdue, waiting for approval, answered this week', async () => {
    const clock = worklistClock(now);
    const w = computeWorklists(facts, awaiting, clock);
    const open = 'a.status = ANY($1)';
    const sql: Record<WorklistBucket, Map<string, number>> = {
      open: await groupCount('a.assignee_id', open, [OPEN_STATUSES]),
      overdue: await groupCount('a.assignee_id', `${open} AND a.due_at < $2`, [OPEN_STATUSES, iso(clock.now)]),
      dueToday: await groupCount('a.assignee_id', `${open} AND a.due_at >= $2 AND a.due_at < $3`, [OPEN_STATUSES, iso(clock.now), iso(clock.todayEnd)]),
      awaitingApproval: await groupCount('a.assignee_id', `EXISTS (SELECT 1 FROM replies r WHERE r.appeal_id = a.id AND r.state = 'submitted')`, []),
      answeredThisWeek: await groupCount('a.assignee_id', 'a.first_responded_at >= $1 AND a.first_responded_at < $2', [iso(clock.weekStart), iso(clock.weekEnd)]),
    };
    for (const bucket of Object.keys(sql) as WorklistBucket[]) {
      const ours = new Map(w.byAssignee.filter((r) => r.counts[bucket] > 0).map((r) => [r.key ?? 'none', r.counts[bucket]]));
      expect([bucket, ours]).toEqual([bucket, sql[bucket]]);
      expect(w.total.counts[bucket]).toBe([...sql[bucket].values()].reduce((x, y) => x + y, 0));
    }
    expect(w.total.counts.open).toBeGreaterThan(0);
    expect(w.total.counts.awaitingApproval).toBe(4);
  });
});
