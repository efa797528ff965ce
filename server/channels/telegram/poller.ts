import { GrammyError } from 'grammy';
import type { ConnectorChannel } from '../types';
import { telegramEnvelope } from './inbound';
import { telegramApi } from './outbound';

/** How a channel takes its updates: its `receive` setting; a webhook unless it says `polling`. */
export function receivesByPolling(channel: ConnectorChannel): boolean {
  return channel.settings.receive === 'polling';
}

/** Stores one update in the durable inbox under its event id; resolves once it is committed. */
export type StoreUpdate = (channel: ConnectorChannel, eventId: string, raw: unknown) => Promise<void>;

export interface TelegramPollerOptions {
  channel: ConnectorChannel;
  store: StoreUpdate;
  /** How long Telegram holds an empty getUpdates open, s (the Bot API's `timeout`). */
  holdSeconds?: number;
  /** The least time between two polls, ms: a server that does not hold (the emulator) is not hammered. */
  minGapMs?: number;
  /** Told of each failed poll (a revoked token, Telegram down); the poller keeps trying, slower. */
  onError?: (code: string, detail: string) => void;
}

/** Waits after a failure: 1 s, doubling, at most a minute (or what a 429 asks). */
const backoff = (failures: number) => Math.min(60_000, 1000 * 2 ** Math.min(failures, 6));

/**
 * Long polling (core.telegram.org/bots/api «getUpdates») for a server with no public address:
 * `getUpdates {offset, timeout, allowed_updates}` in a loop. Each update a citizen's message makes
 * is stored in the inbox (the same store the webhook route uses, under the same event id) before
 * the offset moves past it; the next call's `offset = last update_id + 1` is what confirms the
 * stored ones to Telegram ("an update is considered confirmed as soon as getUpdates is called with
 * an offset higher than its update_id"). So an update is never confirmed before it is kept: a crash
 * between storing and the next poll only brings it back, and the inbox drops the second copy.
 */
export class TelegramPoller {
  private offset = 0;
  private running = false;
  private loop: Promise<void> | null = null;
  private abort: AbortController | null = null;
  private wakeSleep: (() => void) | null = null;

  constructor(private readonly opts: TelegramPollerOptions) {}

  /** The offset the next poll sends (the last stored update_id + 1; 0 before any). */
  get nextOffset(): number {
    return this.offset;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.abort?.abort();
    this.wakeSleep?.();
    await this.loop;
    this.loop = null;
  }

  /**
   * One getUpdates call and the storing of what it brought. Returns how many updates it stored;
   * throws what Telegram or the store threw (the loop waits and tries again from the same offset).
   */
  async pollOnce(signal?: AbortSignal): Promise<number> {
    const hold = this.opts.holdSeconds ?? 25;
    const api = telegramApi(this.opts.channel, hold + 10);
    let updates;
    try {
      updates = await api.getUpdates({ offset: this.offset, limit: 100, timeout: hold, allowed_updates: ['message', 'edited_message'] }, signal);
    } catch (e) {
      // 409 "can't use getUpdates method while webhook is active": Telegram gives updates one way
      // at a time, and the channel asked for polling, so the webhook goes (its pending updates
      // stay, for getUpdates). The other 409, "terminated by other getUpdates request" (a second
      // process polling the same bot), is a failure like any: backed off, the inbox drops doubles.
      if (e instanceof GrammyError && e.error_code === 409 && /webhook/i.test(e.description)) {
        await api.deleteWebhook({ drop_pending_updates: false }, signal);
        return 0;
      }
      throw e;
    }
    let stored = 0;
    for (const update of updates) {
      const envelope = telegramEnvelope(update);
      if (envelope.kind === 'event') {
        await this.opts.store(this.opts.channel, envelope.eventId, update);
        stored += 1;
      }
      // Stored or not ours to store: either way the next poll may confirm it.
      this.offset = Math.max(this.offset, update.update_id + 1);
    }
    return stored;
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (this.running) {
      const started = Date.now();
      let waitMs = 0;
      this.abort = new AbortController();
      try {
        const stored = await this.pollOnce(this.abort.signal);
        failures = 0;
        if (stored === 0) waitMs = (this.opts.minGapMs ?? 1000) - (Date.now() - started);
      } catch (e) {
        if (!this.running) break;
        failures += 1;
        const retryAfter = e instanceof GrammyError ? e.parameters?.retry_after : undefined;
        waitMs = retryAfter !== undefined ? retryAfter * 1000 : backoff(failures);
        const code = e instanceof GrammyError ? (e.error_code === 401 || e.error_code === 404 ? 'channel_unauthorized' : e.error_code === 429 ? 'rate_limited' : 'platform_unavailable') : 'network';
        this.opts.onError?.(code, e instanceof Error ? e.message.slice(0, 500) : String(e));
      }
      if (waitMs > 0 && this.running) await this.sleep(waitMs);
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const t = setTimeout(done, ms);
      function done() {
        clearTimeout(t);
        resolve();
      }
      this.wakeSleep = done;
    });
  }
}
