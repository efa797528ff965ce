import { describe, expect, it } from 'vitest';
import { computeAnalytics, median } from './analytics';
import { escalations, workingDaysAndHours } from './escalation';
import type { AppealFacts } from './facts';
import { currentPeriod, periodSpan, previousPeriod, trailingPeriods, weekStartKey } from './periods';
import { topicMask } from './topics';
import { computeWorklists, worklistClock } from './worklists';

const H = 3_600_000;
const at = (iso: string) => Date.parse(iso);

function f(id: string, extra: Partial<AppealFacts> = {}): AppealFacts {
  return {
    id,
    receivedAt: at('2025-03-03T07:00:00Z'),
    dueAt: at('2025-03-10T15:00:00Z'),
    firstRespondedAt: null,
    category: 'roads',
    source: 'vk',
    municipalityId: 'maykop',
    assigneeId: 'u1',
    status: 'in_progress',
    priority: 'normal',
    topics: 0,
    score: null,
    solved: null,
    ...extra,
  };
}

describe('reporting periods (Moscow calendar)', () => {
  it('weeks start on Monday, months compare with the month before, other spans with as many days before', () => {
    expect(weekStartKey('2025-03-09')).toBe('2025-03-03');
    expect(currentPeriod(new Date('2025-03-02T22:30:00Z'), 'week')).toEqual({ from: '2025-03-03', to: '2025-03-09' });
    expect(previousPeriod({ from: '2025-03-01', to: '2025-03-31' })).toEqual({ from: '2025-02-01', to: '2025-02-28' });
    expect(previousPeriod({ from: '2025-03-03', to: '2025-03-09' })).toEqual({ from: '2025-02-24', to: '2025-03-02' });
    expect(trailingPeriods('2025-03-15', 'month', 3).map((p) => p.from)).toEqual(['2025-01-01', '2025-02-01', '2025-03-01']);
    // Midnight in Moscow is 21:00 UTC the day before.
    expect(periodSpan({ from: '2025-03-01', to: '2025-03-01' })).toEqual({ start: at('2025-02-28T21:00:00Z'), end: at('2025-03-01T21:00:00Z') });
  });
});

describe('worklists', () => {
  it('counts each appeal in its buckets, per clerk and per municipality, with the appeals behind each number', () => {
    const now = new Date('2025-03-05T09:00:00Z'); // Wednesday, 12:00 in Moscow
    const w = computeWorklists(
      [
        f('late', { dueAt: at('2025-03-05T08:00:00Z') }),
        f('today', { dueAt: at('2025-03-05T15:00:00Z') }),
        f('tomorrow', { dueAt: at('2025-03-06T15:00:00Z'), assigneeId: 'u2', municipalityId: 'giaginsky' }),
        f('done', { status: 'answered', firstRespondedAt: at('2025-03-03T08:00:00Z') }),
        f('doneLastWeek', { status: 'answered', firstRespondedAt: at('2025-03-02T08:00:00Z') }),
      ],
      new Set(['tomorrow']),
      worklistClock(now),
    );
    const u1 = w.byAssignee.find((r) => r.key === 'u1')!;
    expect(u1.counts).toEqual({ open: 2, dueToday: 1, overdue: 1, awaitingApproval: 0, answeredThisWeek: 1 });
    expect(u1.ids.overdue).toEqual(['late']);
    expect(w.byAssignee.find((r) => r.key === 'u2')!.ids.awaitingApproval).toEqual(['tomorrow']);
    expect(w.byMunicipality.map((r) => [r.key, r.counts.open])).toEqual([
      ['maykop', 2],
      ['giaginsky', 1],
    ]);
    expect(w.total.counts).toEqual({ open: 3, dueToday: 1, overdue: 1, awaitingApproval: 1, answeredThisWeek: 1 });
  });
});

describe('escalation', () => {
  it('counts overdue working time: a deadline of Friday evening is an hour late on Monday at ten', () => {
    const now = new Date('2025-03-10T07:00:00Z'); // Monday 10:00 Moscow
    const facts = [f('friday', { dueAt: at('2025-03-07T15:00:00Z') }), f('wednesday', { dueAt: at('2025-03-05T15:00:00Z') }), f('answered', { status: 'answered', dueAt: at('2025-03-01T15:00:00Z') })];
    expect(escalations(facts, now, 9).map((e) => e.id)).toEqual(['wednesday']);
    const all = escalations(facts, now, 0);
    expect(all.map((e) => [e.id, e.overdueWorkingMs / H])).toEqual([
      ['wednesday', 19],
      ['friday', 1],
    ]);
    expect(workingDaysAndHours(19 * H)).toEqual({ days: 2, hours: 1 });
  });
});

describe('analytics', () => {
  it('compares the period with the one before: counts, median first response, share on time, topics', () => {
    const benefit = topicMask('единое пособие');
    const facts = [
      f('m1', { status: 'answered', receivedAt: at('2025-03-03T07:00:00Z'), firstRespondedAt: at('2025-03-03T09:00:00Z'), topics: benefit, category: 'social' }),
      f('m2', { status: 'answered', receivedAt: at('2025-03-04T07:00:00Z'), firstRespondedAt: at('2025-03-04T11:00:00Z'), dueAt: at('2025-03-04T10:00:00Z'), topics: benefit, category: 'social' }),
      f('m3', { receivedAt: at('2025-03-20T07:00:00Z'), dueAt: at('2025-04-10T07:00:00Z'), source: 'ok' }),
      f('f1', { status: 'closed', receivedAt: at('2025-02-10T07:00:00Z'), firstRespondedAt: at('2025-02-10T08:00:00Z'), topics: benefit }),
    ];
    const a = computeAnalytics(facts, { period: { from: '2025-03-01', to: '2025-03-31' }, granularity: 'month', now: new Date('2025-03-25T12:00:00Z'), seriesLength: 2 });
    expect(a.total).toEqual({ key: 'total', current: 3, previous: 1 });
    expect(a.bySphere.find((r) => r.key === 'social')).toEqual({ key: 'social', current: 2, previous: 0 });
    expect(a.bySource.find((r) => r.key === 'ok')).toEqual({ key: 'ok', current: 1, previous: 0 });
    expect(a.medianFirstResponseMs).toEqual({ current: 3 * H, previous: 1 * H });
    // m3 is neither answered nor due yet: not counted; m2 was answered late.
    expect(a.onTime.current).toEqual({ onTime: 1, due: 2 });
    expect(a.overdueNow).toBe(0);
    expect(computeAnalytics(facts, { period: { from: '2025-03-01', to: '2025-03-31' }, granularity: 'month', now: new Date('2025-04-11T12:00:00Z') }).overdueNow).toBe(1);
    expect(a.topics).toEqual([{ key: 'unified_benefit', label: 'Единое пособие', current: 2, previous: 1 }]);
    expect(a.series.map((p) => [p.period.from, p.count])).toEqual([
      ['2025-02-01', 1],
      ['2025-03-01', 3],
    ]);
    expect(median([3, 1, 2, 10])).toBe(2.5);
    expect(median([])).toBeNull();
  });
});
