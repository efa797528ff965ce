import { describe, expect, it } from 'vitest';
import type { RoutingRule } from '../../../../shared/routing-rules';
import { EMPTY_DRAFT, draftOf, inputOf, reorder } from './draft';
import { conditionsText, routedByText, targetText } from './summary';

const rule = (id: string, position: number, extra: Partial<RoutingRule> = {}): RoutingRule => ({
  id,
  name: `Правило ${id}`,
  enabled: true,
  position,
  when: {},
  target: { kind: 'settlement-municipality' },
  updatedAt: '2026-12-01T10:00:00.000Z',
  ...extra,
});

const names = { bodies: new Map([['minzdrav', { name: 'Министерство здравоохранения Республики Адыгея' }], ['maykop', { name: 'Майкоп' }]]) };

describe('the routing rule form', () => {
  it('sends what was typed: comma lists split and trimmed, untouched conditions left out', () => {
    const res = inputOf({ ...EMPTY_DRAFT, name: ' Лекарства → Минздрав ', keywords: 'лекарств,  инсулин , ', categories: ['health'], bodyId: 'minzdrav' }, 40);
    expect(res).toEqual({
      ok: true,
      input: { name: 'Лекарства → Минздрав', enabled: true, position: 40, when: { keywords: ['лекарств', 'инсулин'], categories: ['health'] }, target: { kind: 'body', bodyId: 'minzdrav' } },
    });
  });

  it('refuses a rule without a name or a body, saying both in Russian', () => {
    const res = inputOf({ ...EMPTY_DRAFT, keywords: 'врач' }, 10);
    expect(res).toEqual({ ok: false, problems: ['Укажите название правила (не длиннее 200 знаков).', 'Выберите орган, куда направлять обращения.'] });
    expect(inputOf({ ...EMPTY_DRAFT, name: 'Поселения', targetKind: 'settlement-administration' }, 10).ok).toBe(true);
    expect(inputOf({ ...EMPTY_DRAFT, name: 'Длинное', bodyId: 'x', keywords: 'я'.repeat(101) }, 10)).toEqual({ ok: false, problems: ['Слова в тексте: каждое не длиннее 100 знаков, всего не больше 100.'] });
  });

  it('opens a saved rule as it is and sends it back unchanged', () => {
    const saved = rule('r1', 20, {
      when: { sources: ['vk', 'ok'], categories: ['health'], unlessKeywords: ['дорог', 'освещени'], settlements: ['ст. Гиагинская'], municipalities: ['maykop'] },
      target: { kind: 'body', bodyId: 'minzdrav' },
      enabled: false,
    });
    const res = inputOf(draftOf(saved), saved.position);
    expect(res.ok && res.input).toEqual({ name: saved.name, enabled: false, position: 20, when: saved.when, target: saved.target });
  });
});

describe('moving a rule', () => {
  it('swaps two neighbours’ positions when every position is distinct', () => {
    const rules = [rule('a', 10), rule('b', 20), rule('c', 35)];
    expect(reorder(rules, 2, 1).map((w) => [w.rule.id, w.position])).toEqual([
      ['c', 20],
      ['b', 35],
    ]);
  });

  it('renumbers by tens when positions are shared, so the move really changes the order', () => {
    const rules = [rule('a', 10), rule('b', 10), rule('c', 10)];
    // b (now first) keeps its 10; a and c are written.
    expect(reorder(rules, 0, 1).map((w) => [w.rule.id, w.position])).toEqual([
      ['a', 20],
      ['c', 30],
    ]);
    expect(reorder(rules, 0, -1)).toEqual([]);
  });
});

describe('a rule in words', () => {
  it('reads its conditions and target as an administrator would say them', () => {
    expect(conditionsText({ categories: ['health'], keywords: ['поликлиник', 'врач'], unlessKeywords: ['дорог'] }, names)).toBe('сфера: Здравоохранение; слова: поликлиник, врач; кроме: дорог');
    expect(conditionsText({ sources: ['vk', 'telegram'], settlements: ['Ханская'], municipalities: ['maykop'] }, names)).toBe('источник: ВКонтакте, Telegram; населённые пункты: Ханская; МО: Майкоп');
    expect(conditionsText({}, names)).toBe('любое обращение');
    expect(targetText({ kind: 'body', bodyId: 'minzdrav' }, names)).toBe('Министерство здравоохранения Республики Адыгея');
    expect(targetText({ kind: 'channel-body' }, names)).toBe('орган страницы или канала, откуда пришло обращение');
  });

  it('says why «проверить» chose a body', () => {
    expect(routedByText('rule', { name: 'Лекарства → Минздрав' })).toBe('по правилу «Лекарства → Минздрав»');
    expect(routedByText('settlement', null)).toBe('без правила: по населённому пункту');
    expect(routedByText('default', null)).toBe('без правила: по умолчанию');
  });
});
