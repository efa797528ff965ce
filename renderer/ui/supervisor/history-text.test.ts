import { describe, expect, it } from 'vitest';
import type { AppealEvent } from '../../../shared/domain';
import ru from '../../i18n/ru.json';
import { describeSupervisionEvent } from './history-text';

/** The Russian resources, looked up by dotted key, as i18next does. */
const t = (key: string): string => key.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], ru) as string;
const event = (kind: AppealEvent['kind'], data: Record<string, unknown>): AppealEvent => ({
  id: 'e1', appealId: 'a1', actorId: null, actorName: null, kind, data, version: 1, at: '2025-03-03T07:00:00.000Z',
});

describe('history text of routing and forwarding', () => {
  it('names the routing rule that chose the body', () => {
    const e = event('routed', { municipalityId: 'minzdrav', by: 'rule', ruleId: 'rule-health', ruleName: 'Здравоохранение — Минздрав РА' });
    expect(`${t(`history.kinds.${e.kind}`)}${describeSupervisionEvent(e, t)}`).toBe('Направлено по правилу «Здравоохранение — Минздрав РА»');
  });

  it('says nothing more of routing by settlement', () => {
    expect(describeSupervisionEvent(event('routed', { municipalityId: 'giaginsky', by: 'settlement' }), t)).toBeNull();
  });

  it('names the body a forward went to, with the reason', () => {
    const e = event('forwarded', { bodyId: 'minzdrav', bodyName: 'Министерство здравоохранения Республики Адыгея', reason: 'Вопрос о лекарствах' });
    expect(describeSupervisionEvent(e, t)).toBe(': Министерство здравоохранения Республики Адыгея — причина: «Вопрос о лекарствах»');
  });
});
