import { describe, expect, it } from 'vitest';
import type { AppealEvent } from '../../shared/domain';
import { assignmentNotices, citizenNotices, deadlineNotices, ratingNotices, reviewNotices, type AppealFacts } from './derive';

const ME = 'u-me';
const a = (id: string, extra: Partial<AppealFacts> = {}): AppealFacts => ({
  id,
  assigneeId: ME,
  status: 'assigned',
  dueAt: '2025-03-10T15:00:00.000Z',
  due: Date.parse('2025-03-10T15:00:00.000Z'),
  ...extra,
});
const map = (...items: AppealFacts[]) => new Map(items.map((i) => [i.id, i]));

describe('notifications', () => {
  it('a new appeal assigned to me, or one handed over to me, is news; my old ones and others are not', () => {
    const before = map(a('mine'), a('colleague', { assigneeId: 'u-other' }), a('stays-other', { assigneeId: 'u-other' }));
    const after = map(
      a('mine', { status: 'in_progress' }),
      a('colleague'),
      a('stays-other', { assigneeId: 'u-other' }),
      a('fresh'),
      a('fresh-closed', { status: 'closed' }),
    );
    expect(assignmentNotices(before, after, ME).map((n) => n.appealId)).toEqual(['colleague', 'fresh']);
  });

  it('the same assignment gets the same id, so it is told once', () => {
    const once = assignmentNotices(new Map(), map(a('x')), ME);
    const again = assignmentNotices(new Map(), map(a('x')), ME);
    expect(once[0]!.id).toBe(again[0]!.id);
  });

  it('tells the author when their reply is approved or returned, nobody else, and not while it waits', () => {
    const before = new Map([
      ['r1', { appealId: 'a1', authorId: ME }],
      ['r2', { appealId: 'a2', authorId: ME }],
      ['r3', { appealId: 'a3', authorId: 'u-other' }],
      ['r4', { appealId: 'a4', authorId: ME }],
    ]);
    const after = new Map([['r4', {}]]);
    const states = new Map([
      ['r1', 'published' as const],
      ['r2', 'returned' as const],
      ['r3', 'published' as const],
    ]);
    expect(reviewNotices(before, after, states, ME)).toEqual([
      { id: 'approved:r1', kind: 'approved', appealId: 'a1' },
      { id: 'returned:r2', kind: 'returned', appealId: 'a2' },
    ]);
  });

  it('warns of my open appeals due within 2 working hours, not of overdue or answered ones', () => {
    const now = Date.parse('2025-03-10T10:00:00.000Z');
    const redBefore = Date.parse('2025-03-10T12:00:00.000Z');
    const items = [
      a('soon', { due: now + 3_600_000 }),
      a('later', { due: redBefore + 1 }),
      a('overdue', { due: now - 1 }),
      a('answered', { due: now + 60_000, status: 'answered' }),
      a('theirs', { due: now + 60_000, assigneeId: 'u-other' }),
    ];
    expect(deadlineNotices(items, ME, now, redBefore).map((n) => n.appealId)).toEqual(['soon']);
  });

  it('tells the assignee of a citizen\'s new message once per message, and not of old ones', () => {
    const ev = (id: string, kind: AppealEvent['kind'], at: string, text?: string): AppealEvent => ({
      id,
      appealId: 'x',
      kind,
      at,
      actorId: null,
      actorName: null,
      version: 1,
      data: text ? { text } : {},
    });
    const histories = [
      { appealId: 'mine', events: [ev('e0', 'citizen_message', '2025-03-09T08:00:00.000Z', 'старое'), ev('e1', 'status_changed', '2025-03-10T09:00:00.000Z'), ev('e2', 'citizen_message', '2025-03-10T09:30:00.000Z', 'Фото ямы прилагаю')] },
      { appealId: 'colleague', events: [ev('e3', 'citizen_message', '2025-03-10T09:30:00.000Z', 'И ещё')] },
    ];
    const notices = citizenNotices(histories, map(a('mine'), a('colleague', { assigneeId: 'u-other' })), ME, '2025-03-10T00:00:00.000Z');
    expect(notices).toEqual([{ id: 'citizen:e2', kind: 'citizen', appealId: 'mine', text: 'Фото ямы прилагаю' }]);
  });
});

describe('a citizen’s rating that takes an appeal back into work', () => {
  const rating = (id: string, appealId: string, data: Record<string, unknown>, at = '2025-03-10T09:30:00.000Z'): AppealEvent => ({
    id,
    appealId,
    kind: 'citizen_rating',
    at,
    actorId: null,
    actorName: null,
    version: 3,
    data: { requestId: 'q1', reason: 'answer', score: null, solved: null, comment: null, reopened: false, ...data },
  });
  const histories = [
    { appealId: 'mine', events: [rating('r1', 'mine', { solved: false, reopened: true, comment: 'яма на месте' }), rating('r2', 'mine', { score: 5 })] },
    { appealId: 'colleague', events: [rating('r3', 'colleague', { score: 1, reopened: true })] },
    { appealId: 'old', events: [rating('r4', 'old', { score: 2, reopened: true }, '2025-03-01T09:00:00.000Z')] },
  ];
  const appeals = map(a('mine', { status: 'in_progress' }), a('colleague', { assigneeId: 'u-other', status: 'in_progress' }), a('old'));

  it('tells the assignee of their own appeal, in the citizen’s words, and not of a good rating', () => {
    expect(ratingNotices(histories, appeals, ME, false, '2025-03-10T00:00:00.000Z')).toEqual([
      { id: 'rating:r1', kind: 'rating', appealId: 'mine', text: 'Оценка жителя: не решено — «яма на месте»' },
    ]);
  });

  it('tells a supervisor of every such appeal in their scope, once per rating', () => {
    expect(ratingNotices(histories, appeals, 'u-head', true, '2025-03-10T00:00:00.000Z').map((n) => n.id)).toEqual(['rating:r1', 'rating:r3']);
  });
});
