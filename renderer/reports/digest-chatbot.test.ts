import { describe, expect, it } from 'vitest';
import type { Appeal } from '../../shared/domain';
import { factsOf } from '../../shared/facts';
import { makeAppeal } from '../sync/testing/fake-server';
import { chatbotLine, digestChatbot, topicOf } from './digest-chatbot';

const appeal = (id: string, source: 'chatbot' | 'vk', text: string, receivedAt: string) => makeAppeal({ id, source, text, receivedAt: new Date(receivedAt).toISOString() });

describe('the digest’s «Чат-бот» section', () => {
  const november = { from: '2026-11-01', to: '2026-11-30' };
  const october = { from: '2026-10-01', to: '2026-10-31' };
  const appeals: Appeal[] = [
    appeal('b1', 'chatbot', 'Тема: Выплаты → Выплата не пришла\nНе пришла выплата за октябрь', '2026-11-03T10:00:00+03:00'),
    appeal('b2', 'chatbot', 'Тема: Выплаты → Выплата не пришла\nГде выплата?', '2026-11-20T10:00:00+03:00'),
    appeal('b3', 'chatbot', 'Тема: Здоровье → Лекарства\nНет инсулина', '2026-10-15T10:00:00+03:00'),
    appeal('v1', 'vk', 'Тема: Выплаты → Выплата не пришла\nне из бота', '2026-11-05T10:00:00+03:00'),
  ];
  const load = async (ids: string[]) => appeals.filter((a) => ids.includes(a.id));

  it('groups only the bots’ appeals by the topic the citizen chose, this period against the one before, most first', async () => {
    const rows = await digestChatbot(appeals.map((a) => factsOf(a)), november, october, load);
    expect(rows).toEqual([
      { label: 'Выплаты → Выплата не пришла', current: 2, previous: 0 },
      { label: 'Здоровье → Лекарства', current: 0, previous: 1 },
    ]);
    expect(chatbotLine(rows)).toBe('Через чат-бот: обращений — 2; чаще всего: Выплаты → Выплата не пришла (2)');
  });

  it('reads the topic from the first line the bot wrote, and nothing from other text', () => {
    expect(topicOf('Тема: Дороги\nЯма')).toBe('Дороги');
    expect(topicOf('Яма на дороге')).toBeNull();
  });
});
