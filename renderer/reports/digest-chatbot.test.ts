import { describe, expect, it } from 'vitest';
import { factsOf } from '../../shared/facts';
import { makeAppeal } from '../sync/testing/fake-server';
import { chatbotLine, digestChatbot } from './digest-chatbot';

const at = (iso: string) => new Date(iso).toISOString();
const fact = (id: string, source: 'chatbot' | 'vk', category: 'health' | 'roads', receivedAt: string) => factsOf(makeAppeal({ id, source, category, receivedAt: at(receivedAt) }));

describe('the digest’s «Чат-бот» section', () => {
  const november = { from: '2026-11-01', to: '2026-11-30' };
  const october = { from: '2026-10-01', to: '2026-10-31' };
  const facts = [
    fact('b1', 'chatbot', 'health', '2026-11-03T10:00:00+03:00'),
    fact('b2', 'chatbot', 'health', '2026-11-20T10:00:00+03:00'),
    fact('b3', 'chatbot', 'roads', '2026-10-15T10:00:00+03:00'),
    fact('v1', 'vk', 'health', '2026-11-05T10:00:00+03:00'),
  ];

  it('counts only the bots’ appeals, by sphere, this period against the one before, most first', () => {
    expect(digestChatbot(facts, november, october)).toEqual([
      { label: 'Здравоохранение', current: 2, previous: 0 },
      { label: 'Дороги', current: 0, previous: 1 },
    ]);
    expect(chatbotLine(digestChatbot(facts, november, october))).toBe('Через чат-бот: обращений — 2; чаще всего: Здравоохранение (2)');
  });
});
