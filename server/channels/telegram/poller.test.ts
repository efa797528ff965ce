import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConnectorChannel } from '../types';
import { TelegramEmulator } from './emulator';
import { receivesByPolling, TelegramPoller } from './poller';

describe('Telegram long polling', () => {
  let tg: TelegramEmulator;
  let channel: ConnectorChannel;
  // A fresh bot each time: Telegram keeps every unconfirmed update for the next poller that asks.
  beforeEach(async () => {
    tg = await new TelegramEmulator().start();
    channel = { id: 'ch-tg-poll', platform: 'telegram', bodyId: 'maykop', settings: { apiBaseUrl: tg.url, receive: 'polling' }, secrets: { botToken: tg.botToken, webhookSecret: 's' } };
  });
  afterEach(async () => tg?.close());

  const getUpdatesBodies = () => tg.api.callsTo(`/bot${tg.botToken}/getUpdates`).map((c) => c.body as { offset: number; timeout: number; allowed_updates: string[] });

  it('is chosen by the channel\'s receive setting', () => {
    expect(receivesByPolling(channel)).toBe(true);
    expect(receivesByPolling({ ...channel, settings: {} })).toBe(false);
  });

  it('stores each citizen\'s update under its update_id, skips the rest, and confirms them with the next offset', async () => {
    const stored: Array<[string, unknown]> = [];
    const poller = new TelegramPoller({ channel, store: async (_ch, eventId, raw) => void stored.push([eventId, raw]), holdSeconds: 0 });
    const a = tg.citizenWrites({ userId: 81, firstName: 'Инна', text: 'Мусор не вывезли' });
    const service = tg.citizenWrites({ userId: 81, firstName: 'Инна', text: '' });
    const b = tg.citizenWrites({ userId: 82, firstName: 'Олег', text: 'Где автобус 5?', photo: true });
    expect(await poller.pollOnce()).toBe(2);
    expect(stored).toEqual([
      [String(a.update_id), a],
      [String(b.update_id), b],
    ]);
    expect(poller.nextOffset).toBe(b.update_id + 1);
    expect(service.update_id).toBeLessThan(b.update_id);
    // The next poll sends offset = last update_id + 1, which confirms them: Telegram drops them.
    expect(await poller.pollOnce()).toBe(0);
    expect(getUpdatesBodies().slice(-2)).toEqual([
      { offset: 0, limit: 100, timeout: 0, allowed_updates: ['message', 'edited_message'] },
      { offset: b.update_id + 1, limit: 100, timeout: 0, allowed_updates: ['message', 'edited_message'] },
    ]);
    expect(stored).toHaveLength(2);
  });

  it('does not move past an update the store failed to keep: the next poll brings it again', async () => {
    const stored: string[] = [];
    let fail = true;
    const poller = new TelegramPoller({
      channel,
      holdSeconds: 0,
      store: async (_ch, eventId) => {
        if (fail) throw new Error('database unreachable');
        stored.push(eventId);
      },
    });
    const u = tg.citizenWrites({ userId: 83, firstName: 'Зарина', text: 'Свет моргает' });
    await expect(poller.pollOnce()).rejects.toThrow('database unreachable');
    expect(poller.nextOffset).toBeLessThanOrEqual(u.update_id);
    fail = false;
    expect(await poller.pollOnce()).toBe(1);
    expect(stored).toEqual([String(u.update_id)]);
  });

  it('removes a leftover webhook (Telegram answers 409) and then receives', async () => {
    await fetch(`${tg.url}/bot${tg.botToken}/setWebhook`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ url: 'https://example.invalid/hook' }) });
    const stored: string[] = [];
    const poller = new TelegramPoller({ channel, holdSeconds: 0, store: async (_ch, id) => void stored.push(id) });
    const u = tg.citizenWrites({ userId: 84, firstName: 'Аслан', text: 'Яма' });
    expect(await poller.pollOnce()).toBe(0);
    expect(tg.webhookUrl).toBeNull();
    // Another process polling the same bot is no reason to touch the webhook settings.
    tg.api.answerNext({ status: 409, json: { ok: false, error_code: 409, description: 'Conflict: terminated by other getUpdates request; make sure that only one bot instance is running' } });
    await expect(poller.pollOnce()).rejects.toThrow(/terminated by other getUpdates/);
    expect(tg.api.callsTo(`/bot${tg.botToken}/deleteWebhook`)).toHaveLength(1);
    expect(await poller.pollOnce()).toBe(1);
    expect(stored).toEqual([String(u.update_id)]);
  });

  it('runs as a loop until stopped, and reports a revoked token while it keeps trying', async () => {
    const stored: string[] = [];
    const poller = new TelegramPoller({ channel, holdSeconds: 0, minGapMs: 10, store: async (_ch, id) => void stored.push(id) });
    poller.start();
    const u = tg.citizenWrites({ userId: 85, firstName: 'Мадина', text: 'Спасибо!' });
    await expect.poll(() => stored, { timeout: 2000, interval: 10 }).toEqual([String(u.update_id)]);
    await poller.stop();
    const errors: string[] = [];
    const revoked = new TelegramPoller({ channel: { ...channel, secrets: { botToken: '1:revoked', webhookSecret: 's' } }, holdSeconds: 0, store: async () => undefined, onError: (code) => errors.push(code) });
    revoked.start();
    await expect.poll(() => errors, { timeout: 2000, interval: 10 }).toEqual(['channel_unauthorized']);
    await revoked.stop();
  });
});
