import { describe, expect, it } from 'vitest';
import type { Body } from './bodies';
import type { Municipality } from './domain';
import { routeAppeal, routingRuleSchema, type RoutingInput, type RoutingRule } from './routing-rules';

const bodies: Body[] = [
  { id: 'cur', name: 'ЦУР Республики Адыгея', kind: 'cur', parentId: null },
  { id: 'minzdrav', name: 'Министерство здравоохранения Республики Адыгея', kind: 'ministry', parentId: 'cur' },
  { id: 'mintrud', name: 'Министерство труда и социального развития Республики Адыгея', kind: 'ministry', parentId: 'cur' },
  { id: 'maykop', name: 'Майкоп', kind: 'municipality', parentId: 'cur' },
  { id: 'giaginsky', name: 'Гиагинский район', kind: 'municipality', parentId: 'cur' },
  { id: 'giaginsky.dondukovskaya', name: 'Администрация ст. Дондуковская', kind: 'settlement', parentId: 'giaginsky' },
];
const municipalities: Municipality[] = [
  { id: 'maykop', name: 'Майкоп', kind: 'city', settlements: ['Майкоп', 'Ханская'] },
  { id: 'giaginsky', name: 'Гиагинский район', kind: 'district', settlements: ['Гиагинская', 'Дондуковская'] },
];
const ctx = { bodies, municipalities, defaultBodyId: 'maykop' };

const rule = (id: string, position: number, r: Pick<RoutingRule, 'name' | 'when' | 'target'> & { enabled?: boolean }): RoutingRule =>
  routingRuleSchema.parse({ id, position, enabled: true, updatedAt: '2025-03-03T07:00:00.000Z', ...r });

const RULES: RoutingRule[] = [
  rule('r-page', 10, { name: 'Сообщество органа — в этот орган', when: {}, target: { kind: 'channel-body' } }),
  rule('r-health', 20, {
    name: 'Здравоохранение — Минздрав РА, кроме муниципальных вопросов',
    when: { categories: ['health'], unlessKeywords: ['дорог', 'освещени', 'фонар', 'мусор'] },
    target: { kind: 'body', bodyId: 'minzdrav' },
  }),
  rule('r-benefit', 30, { name: 'Единое пособие — Минтруда РА', when: { keywords: ['един пособи'] }, target: { kind: 'body', bodyId: 'mintrud' } }),
  rule('r-don', 40, { name: 'Дондуковская — своя администрация', when: { settlements: ['Дондуковская'] }, target: { kind: 'settlement-administration' } }),
  rule('r-off', 5, { name: 'Выключено', enabled: false, when: {}, target: { kind: 'body', bodyId: 'mintrud' } }),
];

const input = (over: Partial<RoutingInput>): RoutingInput => ({ text: 'Текст', category: 'other', source: 'vk', ...over });

describe('routing rules', () => {
  it('sends a healthcare appeal to the health ministry, and names the rule', () => {
    const d = routeAppeal(input({ text: 'В поликлинике нет записи к терапевту', category: 'health', settlement: 'Майкоп' }), RULES, ctx);
    expect(d).toEqual({ bodyId: 'minzdrav', by: 'rule', rule: { id: 'r-health', name: 'Здравоохранение — Минздрав РА, кроме муниципальных вопросов' } });
  });

  it('keeps a healthcare appeal about a municipal matter with the municipality', () => {
    const d = routeAppeal(input({ text: 'Дорога к поликлинике вся в ямах', category: 'health', settlement: 'ст. Гиагинская' }), RULES, ctx);
    expect(d).toEqual({ bodyId: 'giaginsky', by: 'settlement', rule: null });
  });

  it('matches a topic by word stems and phrases, whatever the ending and ё', () => {
    expect(routeAppeal(input({ text: 'Когда придёт ЕДИНОЕ ПОСОБИЕ на детей?' }), RULES, ctx).bodyId).toBe('mintrud');
    expect(routeAppeal(input({ text: 'Пособие по уходу, а не единое', settlement: 'Майкоп' }), RULES, ctx).bodyId).toBe('maykop');
  });

  it('sends a settlement to its own administration when a rule says so', () => {
    const d = routeAppeal(input({ text: 'Нет света на улице', settlement: 'Республика Адыгея, Гиагинский р-н, ст-ца Дондуковская' }), RULES, ctx);
    expect(d).toMatchObject({ bodyId: 'giaginsky.dondukovskaya', rule: { id: 'r-don' } });
  });

  it('gives an appeal from a body’s community page to that body, before any sphere rule', () => {
    const d = routeAppeal(input({ text: 'В поликлинике грубят', category: 'health', channelBodyId: 'giaginsky' }), RULES, ctx);
    expect(d).toMatchObject({ bodyId: 'giaginsky', rule: { id: 'r-page' } });
  });

  it('skips disabled rules and rules whose target body is gone, and falls back as before rules', () => {
    const gone = [rule('r-gone', 1, { name: 'В упразднённое министерство', when: {}, target: { kind: 'body', bodyId: 'minsport' } })];
    expect(routeAppeal(input({ settlement: 'Ханская' }), gone, ctx)).toEqual({ bodyId: 'maykop', by: 'settlement', rule: null });
    expect(routeAppeal(input({ channelBodyId: 'giaginsky' }), [], ctx)).toEqual({ bodyId: 'giaginsky', by: 'source', rule: null });
    expect(routeAppeal(input({}), [], ctx)).toEqual({ bodyId: 'maykop', by: 'default', rule: null });
  });

  it('passes a disabled body by: its rule falls through, its settlement goes to the district', () => {
    const off = { ...ctx, bodies: bodies.map((b) => (b.id === 'minzdrav' || b.id === 'giaginsky.dondukovskaya' ? { ...b, disabled: true } : b)) };
    const health = routeAppeal(input({ text: 'В поликлинике нет записи к терапевту', category: 'health', settlement: 'Майкоп' }), RULES, off);
    expect(health).toEqual({ bodyId: 'maykop', by: 'settlement', rule: null });
    const don = routeAppeal(input({ settlement: 'Дондуковская' }), RULES, off);
    expect(don).toMatchObject({ bodyId: 'giaginsky', by: 'rule' });
  });

  it('takes rules in their order: the lower position wins', () => {
    const first = [
      rule('b', 2, { name: 'Второе', when: { sources: ['vk'] }, target: { kind: 'body', bodyId: 'mintrud' } }),
      rule('a', 1, { name: 'Первое', when: { sources: ['vk'] }, target: { kind: 'body', bodyId: 'minzdrav' } }),
    ];
    expect(routeAppeal(input({}), first, ctx).rule?.name).toBe('Первое');
    expect(routeAppeal(input({ source: 'telegram' }), first, ctx).by).toBe('default');
  });

  it('refuses a rule without a name or with an unknown kind of target', () => {
    expect(routingRuleSchema.safeParse({ id: 'x', position: 1, name: ' ', when: {}, target: { kind: 'body', bodyId: 'minzdrav' }, updatedAt: '2025-03-03T07:00:00.000Z' }).success).toBe(false);
    expect(routingRuleSchema.safeParse({ id: 'x', position: 1, name: 'Правило', when: {}, target: { kind: 'anywhere' }, updatedAt: '2025-03-03T07:00:00.000Z' }).success).toBe(false);
  });
});
