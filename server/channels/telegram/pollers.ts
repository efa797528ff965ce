import type { ChannelSecretSealer } from '../../context';
import type { Db } from '../../db/types';
import { loadChannel } from '../inbox/channel';
import { storablePayload, storeInboxEvent } from '../inbox/store';
import { TelegramPoller } from './poller';

export interface TelegramPollersOptions {
  db: Db;
  channelSecrets: ChannelSecretSealer | null;
  /** Wakes the inbox worker once an update is stored, as the webhook route does. */
  wake: () => void;
  /** How often the list of polling channels is read again (a channel connected, changed, disabled). */
  refreshMs?: number;
  holdSeconds?: number;
  minGapMs?: number;
  /** A poll failed (the channel's id), or reading the list of channels did (an empty id). */
  onError?: (channelId: string, code: string, detail: string) => void;
}

/**
 * Runs one long poller (poller.ts) for each enabled Telegram channel whose `receive` setting is
 * `polling`, storing what it gets through the inbox's own store (inbox/store.ts, as the webhook route does); a channel changed
 * (its `updated_at`) gets a fresh poller with its new token, a disabled or removed one loses it.
 */
export class TelegramPollers {
  private readonly running = new Map<string, { poller: TelegramPoller; version: string }>();
  private timer: NodeJS.Timeout | null = null;
  private refreshing: Promise<void> = Promise.resolve();

  constructor(private readonly opts: TelegramPollersOptions) {}

  /** The channels being polled now (for tests and the log). */
  get channelIds(): string[] {
    return [...this.running.keys()];
  }

  start(): void {
    if (this.timer) return;
    const refresh = () => void this.refresh().catch((err: unknown) => this.opts.onError?.('', 'refresh_failed', err instanceof Error ? err.message : String(err)));
    this.timer = setInterval(refresh, this.opts.refreshMs ?? 30_000);
    refresh();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.refreshing.catch(() => undefined);
    await Promise.all([...this.running.values()].map((r) => r.poller.stop()));
    this.running.clear();
  }

  /** Reads the polling channels and starts, restarts or stops their pollers to match. */
  refresh(): Promise<void> {
    this.refreshing = this.refreshing.catch(() => undefined).then(() => this.sync());
    return this.refreshing;
  }

  private async sync(): Promise<void> {
    const { rows } = await this.opts.db.query<{ id: string; version: string }>(
      `SELECT id, updated_at::text AS version FROM channels
        WHERE platform = 'telegram' AND enabled AND settings->>'receive' = 'polling'`,
    );
    const wanted = new Map(rows.map((r) => [r.id, r.version]));
    for (const [id, run] of [...this.running]) {
      if (wanted.get(id) === run.version) continue;
      await run.poller.stop();
      this.running.delete(id);
    }
    for (const [id, version] of wanted) {
      if (this.running.has(id)) continue;
      const channel = await loadChannel(this.opts.db, this.opts.channelSecrets, { id });
      if (!channel) continue;
      const poller = new TelegramPoller({
        channel,
        holdSeconds: this.opts.holdSeconds,
        minGapMs: this.opts.minGapMs,
        onError: (code, detail) => this.opts.onError?.(id, code, detail),
        store: async (ch, eventId, raw) => {
          // The same cleaning and the same statement as the webhook route; too deep to keep: skipped.
          const payload = storablePayload(raw);
          if (payload.ok && (await storeInboxEvent(this.opts.db, ch, eventId, payload.value))) this.opts.wake();
        },
      });
      poller.start();
      this.running.set(id, { poller, version });
    }
  }
}
