import { inboundEventSchema } from '../../../shared/channels/inbound';
import type { ChannelSecretSealer } from '../../context';
import type { Db } from '../../db/types';
import { handleBotEvent } from '../../chatbot/runtime';
import { takeRatingPress, takeRatingText } from '../../ratings/answer';
import { connectorFor } from '../registry';
import { claimEvents, markFailed, markProcessed, type InboxRow } from './claim';
import { loadChannel } from './channel';
import { fetchFiles } from './files';
import { fileEvent, type Filed } from './threading';

export interface InboxWorkerOptions {
  db: Db;
  channelSecrets: ChannelSecretSealer | null;
  defaultMunicipalityId: string;
  /** How often the inbox is looked at without a wake (events stored by other processes, retries). */
  pollMs?: number;
  /** How long a claimed event is this process's before another may take it. */
  leaseMs?: number;
  batchSize?: number;
  /** A failed event (`row`) or a failed claim (none). */
  onError?: (err: unknown, row?: InboxRow) => void;
  /** Test hook: each event's outcome once processed. */
  onFiled?: (row: InboxRow, filed: Filed[]) => void;
}

/**
 * Processes the channel inbox: claims stored webhook events (claim.ts), parses each with its
 * platform's connector, downloads and cleans its photos (files.ts) and files it as an appeal or a
 * message of an open one (threading.ts). The webhook route wakes it; it also polls, for events
 * stored by other server processes and for retries. One event at a time per process, in order.
 */
export class InboxWorker {
  private running = false;
  private loop: Promise<void> | null = null;
  private woken = false;
  private sleeper: (() => void) | null = null;
  private readonly pollMs: number;
  private readonly leaseMs: number;
  private readonly batchSize: number;

  constructor(private readonly opts: InboxWorkerOptions) {
    this.pollMs = opts.pollMs ?? 1000;
    this.leaseMs = opts.leaseMs ?? 60_000;
    this.batchSize = opts.batchSize ?? 20;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  /** Something was stored: look at once instead of at the next poll. */
  wake(): void {
    this.woken = true;
    this.sleeper?.();
  }

  /** Finishes the event in hand, then stops; what is left stays in the inbox for the next start. */
  async stop(): Promise<void> {
    this.running = false;
    this.sleeper?.();
    await this.loop;
    this.loop = null;
  }

  /** Processes everything due now; resolves with how many events it took (tests, the bench). */
  async drain(): Promise<number> {
    let total = 0;
    for (;;) {
      const rows = await claimEvents(this.opts.db, this.batchSize, this.leaseMs);
      if (rows.length === 0) return total;
      for (const row of rows) await this.process(row);
      total += rows.length;
    }
  }

  private async run(): Promise<void> {
    while (this.running) {
      this.woken = false;
      try {
        const rows = await claimEvents(this.opts.db, this.batchSize, this.leaseMs);
        for (const row of rows) {
          // Stopping mid-batch: the rest go back to the inbox when their lease ends.
          if (!this.running) break;
          await this.process(row);
        }
        if (rows.length === this.batchSize || this.woken) continue;
      } catch (err) {
        // The database is away (restarting, closing): try again at the next poll.
        this.opts.onError?.(err);
      }
      if (!this.running) break;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => this.sleeper?.(), this.pollMs);
        this.sleeper = () => {
          clearTimeout(timer);
          this.sleeper = null;
          resolve();
        };
        if (this.woken || !this.running) this.sleeper();
      });
    }
  }

  private async process(row: InboxRow): Promise<void> {
    try {
      const filed = await this.fileRow(row);
      await markProcessed(this.opts.db, row.id);
      this.opts.onFiled?.(row, filed);
    } catch (err) {
      this.opts.onError?.(err, row);
      await markFailed(this.opts.db, row, err instanceof Error ? err.message : String(err)).catch(() => undefined);
    }
  }

  private async fileRow(row: InboxRow): Promise<Filed[]> {
    const connector = connectorFor(row.platform);
    if (!connector) throw new Error(`No connector for platform ${row.platform}`);
    const channel = await loadChannel(this.opts.db, this.opts.channelSecrets, { id: row.channelId });
    // The channel was deleted: nothing to file the event under, and nothing to retry.
    if (!channel) return [];
    const filed: Filed[] = [];
    for (const parsed of connector.parse(channel, row.raw)) {
      // The connector read the platform's payload; what it made of it is still checked.
      const event = inboundEventSchema.safeParse(parsed);
      if (!event.success) continue;
      // A press of a rating question's buttons, bot or no bot (server/ratings/).
      if (await takeRatingPress(this.opts.db, connector, channel, event.data)) continue;
      // A channel a topic bot runs in: the bot talks first and files the appeal itself when asked to.
      if (await handleBotEvent(this.opts.db, connector, channel, event.data, this.opts.defaultMunicipalityId)) continue;
      // A digit or «не решено» typed after a rating question.
      if (await takeRatingText(this.opts.db, channel, event.data)) continue;
      // A button press with no bot behind it (the bot was switched off) is no citizen's message.
      if (event.data.button) continue;
      const files = await fetchFiles(connector, channel, event.data.attachments);
      filed.push(await fileEvent(this.opts.db, channel, event.data, files, this.opts.defaultMunicipalityId));
    }
    return filed;
  }
}
