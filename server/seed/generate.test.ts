import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { classifyCategory } from '../../shared/classify';
import { computeDeadlines, localDateKey } from '../../shared/deadlines';
import {
  appealEventSchema,
  appealSchema,
  isOpen,
  municipalitySchema,
  noteSchema,
  replySchema,
  SOURCES,
  templateSchema,
  userSchema,
  type Appeal,
  type Category,
} from '../../shared/domain';
import { isAllowedExternalUrl } from '../../shared/links';
import { routeMunicipality } from '../../shared/routing';
import { generateDemoData } from './generate';
import { isoString } from './iso';
import type { DemoData } from './types';

const now = new Date('2026-03-18T11:00:00+03:00'); // a Wednesday
const options = { now, appealCount: 3000, seed: 20260318 };
let data: DemoData;

beforeAll(() => {
  data = generateDemoData(options);
});

const groupBy = <T>(items: readonly T[], key: (item: T) => string) => {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
};

const countBy = <T>(items: readonly T[], key: (item: T) => string) => {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
};

describe('the demo region', () => {
  it('is the same for the same options and differs for another seed', () => {
    const small = { ...options, appealCount: 300 };
    expect(generateDemoData(small)).toEqual(generateDemoData(small));
    expect(generateDemoData({ ...small, seed: 1 }).appeals.map((a) => a.text)).not.toEqual(generateDemoData(small).appeals.map((a) => a.text));
  });

  it('has the nine municipalities of Adygea', () => {
    expect(data.municipalities.map((m) => m.id).sort()).toEqual(
      ['adygeysk', 'giaginsky', 'koshekhablsky', 'krasnogvardeysky', 'maykop', 'maykopsky', 'shovgenovsky', 'takhtamukaysky', 'teuchezhsky'],
    );
    const maykopsky = data.municipalities.find((m) => m.id === 'maykopsky');
    expect(maykopsky?.name).toBe('Майкопский район');
    expect(maykopsky?.settlements).toContain('Каменномостский');
    expect(data.municipalities.find((m) => m.id === 'adygeysk')?.kind).toBe('city');
  });

  it('has the well-known logins and staff in every municipality', () => {
    const byName = new Map(data.users.map((u) => [u.username, u]));
    expect(byName.get('operator')).toMatchObject({ id: 'u-operator', role: 'clerk', municipalityId: 'maykop', displayName: 'Ирина Петрова' });
    expect(byName.get('operator2')).toMatchObject({ id: 'u-operator2', role: 'clerk', municipalityId: 'takhtamukaysky' });
    expect(byName.get('curator')).toMatchObject({ id: 'u-curator', role: 'supervisor', municipalityId: null });
    expect(byName.get('admin')).toMatchObject({ id: 'u-admin', role: 'admin', municipalityId: null });
    for (const m of data.municipalities) {
      const staff = data.users.filter((u) => u.municipalityId === m.id);
      expect(staff.filter((u) => u.role === 'clerk').length, m.id).toBeGreaterThanOrEqual(2);
      expect(staff.some((u) => u.role === 'supervisor'), m.id).toBe(true);
    }
    expect(new Set(data.users.map((u) => u.id)).size).toBe(data.users.length);
    expect(new Set(data.users.map((u) => u.username)).size).toBe(data.users.length);
  });

  it('has shared reply templates with variables', () => {
    const shared = data.templates.filter((t) => t.ownerId === null);
    expect(shared.length).toBeGreaterThanOrEqual(10);
    for (const variable of ['{{citizenName}}', '{{municipality}}', '{{deadline}}', '{{clerkName}}']) {
      expect(shared.some((t) => t.body.includes(variable)), variable).toBe(true);
    }
  });
});

describe('records valid under the domain schemas', () => {
  it('has the asked number of appeals with unique ids, all valid', () => {
    expect(data.appeals).toHaveLength(3000);
    expect(new Set(data.appeals.map((a) => a.id)).size).toBe(3000);
    expect(data.appeals[0]?.id).toBe('a-000001');
    for (const a of data.appeals) appealSchema.parse(a);
  });

  it('has valid replies, notes, events, templates, users and municipalities', () => {
    for (const r of data.replies) replySchema.parse(r);
    for (const n of data.notes) noteSchema.parse(n);
    for (const e of data.events) appealEventSchema.parse(e);
    for (const t of data.templates) templateSchema.parse(t);
    for (const u of data.users) userSchema.parse(u);
    for (const m of data.municipalities) municipalitySchema.parse(m);
    for (const list of [data.replies, data.notes, data.events]) expect(new Set(list.map((x) => x.id)).size).toBe(list.length);
  });
});

describe('each appeal tells a consistent story', () => {
  it('spreads over the year before now, oldest first', () => {
    const times = data.appeals.map((a) => Date.parse(a.receivedAt));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(times[0]).toBeGreaterThan(now.getTime() - 366 * 86_400_000);
    expect(times.at(-1)).toBeLessThan(now.getTime());
  });

  it('carries the deadlines of shared/deadlines.ts and routes by its settlement', () => {
    for (const a of data.appeals.slice(0, 500)) {
      const d = computeDeadlines({ source: a.source, priority: a.priority, receivedAt: new Date(a.receivedAt) });
      expect(a.dueAt).toBe(d.dueAt.toISOString());
      expect(a.firstResponseDueAt).toBe(d.firstResponseDueAt?.toISOString() ?? null);
      expect(routeMunicipality(a.settlement ?? undefined, data.municipalities)).toBe(a.municipalityId);
    }
  });

  it('has events in time order whose versions end at the appeal version, nothing after now', () => {
    const eventsOf = groupBy(data.events, (e) => e.appealId);
    for (const a of data.appeals) {
      const events = eventsOf.get(a.id) ?? [];
      expect(events[0]?.kind).toBe('received');
      const times = events.map((e) => Date.parse(e.at));
      expect(times).toEqual([...times].sort((x, y) => x - y));
      expect(Math.max(...times, Date.parse(a.updatedAt))).toBeLessThanOrEqual(now.getTime());
      const versions = events.map((e) => e.version);
      expect(versions).toEqual([...versions].sort((x, y) => x - y));
      expect(versions.at(-1)).toBe(a.version);
      const last = events.findLast((e) => e.data.to !== undefined);
      expect(last?.data.to ?? 'new').toBe(a.status);
    }
  });

  it('assigns to clerks of the municipality, answers with published replies', () => {
    const users = new Map(data.users.map((u) => [u.id, u]));
    const repliesOf = groupBy(data.replies, (r) => r.appealId);
    for (const a of data.appeals) {
      if (a.status === 'new') expect(a.assigneeId).toBeNull();
      else expect(users.get(a.assigneeId ?? '')).toMatchObject({ role: 'clerk', municipalityId: a.municipalityId });
      const replies = repliesOf.get(a.id) ?? [];
      if (['answered', 'resolved', 'closed'].includes(a.status) && a.firstRespondedAt !== null) {
        expect(replies[0]?.updatedAt).toBe(a.firstRespondedAt);
        expect(replies.every((r) => r.state === 'published' && r.authorId === a.assigneeId)).toBe(true);
      }
      if (a.firstRespondedAt === null) expect(replies).toHaveLength(0);
    }
  });
});

describe('a lively queue for the demo', () => {
  const operatorOpen = () => data.appeals.filter((a) => a.assigneeId === 'u-operator' && isOpen(a.status));

  it('gives the operator dozens of open appeals, some overdue, some due today', () => {
    const open = operatorOpen();
    const today = localDateKey(now);
    const dueToday = (a: Appeal) =>
      [a.dueAt, a.firstResponseDueAt].some((d) => d !== null && localDateKey(new Date(d)) === today && Date.parse(d) > now.getTime());
    expect(open.length).toBeGreaterThanOrEqual(24);
    expect(open.filter((a) => Date.parse(a.dueAt) < now.getTime()).length).toBeGreaterThan(0);
    expect(open.filter(dueToday).length).toBeGreaterThan(0);
  });

  it('keeps recent appeals open and old ones mostly done', () => {
    const age = (a: Appeal) => now.getTime() - Date.parse(a.receivedAt);
    const old = data.appeals.filter((a) => age(a) > 60 * 86_400_000);
    const done = old.filter((a) => ['answered', 'resolved', 'closed', 'forwarded'].includes(a.status));
    expect(done.length / old.length).toBeGreaterThan(0.97);
    const recent = data.appeals.filter((a) => age(a) < 8 * 3_600_000);
    expect(recent.filter((a) => ['new', 'assigned', 'in_progress'].includes(a.status)).length / recent.length).toBeGreaterThan(0.6);
    const statuses = countBy(data.appeals, (a) => a.status);
    for (const s of ['new', 'assigned', 'in_progress', 'clarification', 'forwarded', 'answered', 'resolved', 'closed']) {
      expect(statuses.get(s) ?? 0, s).toBeGreaterThan(0);
    }
  });
});

describe('realistic content', () => {
  it('is mostly about health, education and social support, led by the unified allowance', () => {
    const counts = countBy(data.appeals, (a) => a.category);
    const ranked = [...counts].sort((a, b) => b[1] - a[1]).map(([c]) => c as Category);
    expect(new Set(ranked.slice(0, 3))).toEqual(new Set(['health', 'education', 'social']));
    expect(ranked.at(-1)).toBe('other');
    const social = data.appeals.filter((a) => a.category === 'social');
    const allowance = social.filter((a) => /единое пособие|единого пособия/i.test(a.text));
    expect(allowance.length / social.length).toBeGreaterThan(0.4);
  });

  it('comes from every source, social networks most', () => {
    const counts = countBy(data.appeals, (a) => a.source);
    for (const s of SOURCES) expect(counts.get(s) ?? 0, s).toBeGreaterThan(0);
    const social = (counts.get('vk') ?? 0) + (counts.get('ok') ?? 0) + (counts.get('telegram') ?? 0);
    expect(social / data.appeals.length).toBeGreaterThan(0.5);
  });

  it('has varied texts that the classifier reads the same way', () => {
    expect(new Set(data.appeals.map((a) => a.text)).size / data.appeals.length).toBeGreaterThan(0.98);
    const agreeing = data.appeals.filter((a) => classifyCategory(a.text) === a.category).length;
    expect(agreeing / data.appeals.length).toBeGreaterThan(0.95);
  });

  it('links social authors to their profiles on allowed hosts', () => {
    for (const a of data.appeals.filter((x) => ['vk', 'ok', 'telegram'].includes(x.source))) {
      expect(a.author.profileUrl && isAllowedExternalUrl(a.author.profileUrl), a.author.profileUrl).toBe(true);
    }
    expect(data.appeals.some((a) => a.priority === 'urgent')).toBe(true);
    expect(data.appeals.filter((a) => a.priority === 'urgent').length / data.appeals.length).toBeLessThan(0.15);
  });
});

describe('scale', () => {
  // Several seconds alone; far more while other test files share the two cores.
  it('generates 100,000 appeals', { timeout: 120_000 }, () => {
    const big = generateDemoData({ now, appealCount: 100_000, seed: 1 });
    expect(big.appeals).toHaveLength(100_000);
    expect(big.appeals.at(-1)?.id).toBe('a-100000');
    expect(big.events.length).toBeGreaterThan(400_000);
  });
});

describe('isoString', () => {
  it('formats like Date#toISOString', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1970, 0, 1), max: Date.UTC(2100, 0, 1) }), (t) => {
        expect(isoString(t)).toBe(new Date(t).toISOString());
      }),
    );
  });
});
