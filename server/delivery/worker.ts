import { deliveryResultSchema, type DeliveryResult } from '../../shared/channels/delivery';
import { CHANNEL_PLATFORMS } from '../../shared/channels/platforms';
import { ratingButtons } from '../../shared/ratings';
import { connectorFor } from '../channels/registry';
import { ratingRequestOfKey } from '../ratings/ask';
import type { ChannelSecretSealer } from '../context';
import type { Db } from '../db/types';
import { DEFAULT_RETRY, type RetryPolicy } from './backoff';
import { sendingChannel } from './channel';
import { claimDue, type ClaimedDelivery } from './claim';
import { DELIVERY_CHANNEL } from './enqueue';
import { recoverExpiredLeases } from './lease';
import { recordOutcome } from './outcome';
import { RateGate } from './rate-gate';

const ERROR_PAUSE_MS = 5_000;

export interface DeliveryWorkerOptions {
  /**
   * How often the queue is looked at without being woken. A commit that queues a delivery wakes
   * every process's worker at once (NOTIFY), so this only bounds how late a retry falls due.
   */
  pollMs?: number;
  /** How long a claimed delivery is this process's; well above the platforms' 10 s call timeout. */
  leaseMs?: number;
  /** How often leases left by a stopped process are looked for. */
  leaseCheckMs?: number;
  /** Sends under way at once in this process. */
  maxInFlight?: number;
  retry?: Partial<RetryPolicy>;
}

export interface WorkerLog {
  error(obj: unknown, msg: string): void;
}

/**
 * The buttons a delivery carries: a rating question's scores and verdicts, in a dialog. A comment
 * under a post (VK's `post_id` target) has none: there the question's text says to type a digit.
 */
function buttonsOf(d: ClaimedDelivery): ReturnType<typeof ratingButtons> | null {
  if (d.kind !== 'rating' || 'post_id' in d.target) return null;
  const requestId = ratingRequestOfKey(d.idempotencyKey);
  return requestId ? ratingButtons(requestId) : null;
}

/** The platforms whose connector may send one message twice and leave one (idempotentSend). */
function idempotentPlatforms(): string[] {
  return CHANNEL_PLATFORMS.filter((p) => connectorFor(p)?.idempotentSend === true);
}

/**
 * The delivery worker of one server process: takes due deliveries from the queue (claim.ts),
 * sends each through its channel's connector within the platform's rate limits (rate-gate.ts),
 * and records the answer (outcome.ts). Several processes on one PostgreSQL share the queue; none
 * sends a delivery another has taken.
 */
export class DeliveryWorker {
  private readonly pollMs: number;
  private readonly leaseMs: number;
  private readonly leaseCheckMs: number;
  private readonly maxInFlight: number;
  private readonly retry: RetryPolicy;
  private readonly gate = new RateGate();
  private readonly inFlight = new Set<Promise<void>>();
  private timer: NodeJS.Timeout | null = null;
  private unlisten: (() => Promise<void>) | null = null;
  private running = false;
  private again = false;
  private stopped = true;
  private lastLeaseCheck = 0;
  /** The last claim filled every free place: there may be more due than was taken. */
  private full = false;

  constructor(
    private readonly db: Db,
    private readonly sealer: ChannelSecretSealer | null,
    private readonly log: WorkerLog,
    options: DeliveryWorkerOptions = {},
  ) {
    this.pollMs = options.pollMs ?? 250;
    this.leaseMs = options.leaseMs ?? 60_000;
    this.leaseCheckMs = options.leaseCheckMs ?? 5_000;
    this.maxInFlight = options.maxInFlight ?? 16;
    this.retry = { ...DEFAULT_RETRY, ...options.retry };
  }

  async start(): Promise<void> {
    this.stopped = false;
    this.unlisten = await this.db.listen(DELIVERY_CHANNEL, () => this.wake());
    this.wake();
  }

  /** Looks at the queue now (after the current pass, if one is running). */
  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    void this.pass();
  }

  /** Stops taking work and waits for the sends under way to be recorded, so none is left `sending`. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const unlisten = this.unlisten;
    this.unlisten = null;
    if (unlisten) await unlisten().catch(() => undefined);
    while (this.running || this.inFlight.size > 0) await Promise.allSettled([...this.inFlight, new Promise((r) => setTimeout(r, 10))]);
  }

  private async pass(): Promise<void> {
    this.running = true;
    let failed = false;
    try {
      if (Date.now() - this.lastLeaseCheck >= this.leaseCheckMs) {
        this.lastLeaseCheck = Date.now();
        await recoverExpiredLeases(this.db, idempotentPlatforms());
      }
      while (!this.stopped) {
        const room = this.maxInFlight - this.inFlight.size;
        if (room <= 0) {
          this.full = true;
          break;
        }
        const claimed = await claimDue(this.db, room, this.leaseMs);
        for (const d of claimed) this.track(this.deliver(d));
        this.full = claimed.length === room;
        if (!this.full) break;
      }
    } catch (err) {
      failed = true;
      this.log.error({ err }, 'delivery worker: a pass over the queue failed');
    } finally {
      this.running = false;
    }
    if (this.stopped) return;
    if (this.again && !failed) {
      this.again = false;
      this.wake();
      return;
    }
    // The database is unreachable: look again in a while rather than log four times a second.
    this.timer = setTimeout(() => this.wake(), failed ? Math.max(this.pollMs, ERROR_PAUSE_MS) : this.pollMs);
    this.timer.unref();
  }

  private track(p: Promise<void>): void {
    this.inFlight.add(p);
    void p.finally(() => {
      this.inFlight.delete(p);
      // A place is free for work the last claim had to leave. (The next message of the same dialog
      // falls due `perTargetMs` later: the poll finds it.)
      if (this.full) this.wake();
    });
  }

  private async deliver(d: ClaimedDelivery): Promise<void> {
    try {
      const found = await sendingChannel(this.db, d.channelId, this.sealer);
      let result: DeliveryResult;
      let perTargetMs = 0;
      if (!found.ok) {
        result = { outcome: 'permanent', code: found.code, detail: found.detail };
      } else {
        const { connector, channel } = found;
        perTargetMs = connector.rateLimits.perTargetMs;
        const targetKey = JSON.stringify(d.target);
        await this.gate.wait(d.channelId, targetKey, connector.rateLimits);
        const buttons = buttonsOf(d);
        const sendBot = connector.sendBot;
        result = await this.send(
          d,
          () =>
            buttons && sendBot
              ? sendBot(channel, d.target, { text: d.body, buttons }, d.idempotencyKey)
              : connector.send(channel, { deliveryId: d.id, kind: d.kind, text: d.body, target: d.target, idempotencyKey: d.idempotencyKey }),
          connector.idempotentSend,
        );
        this.gate.sent(d.channelId, targetKey, connector.rateLimits);
      }
      await recordOutcome(this.db, d, result, this.retry, perTargetMs);
    } catch (err) {
      // The row stays `sending` until its lease runs out; lease.ts then decides, as for a process that stopped.
      this.log.error({ err, deliveryId: d.id }, 'delivery worker: recording a delivery failed');
    }
  }

  /**
   * A connector never throws for what the platform answers; a throw is a bug in it, after which
   * nobody knows whether the message left. Only an idempotent send may then simply be tried again.
   */
  private async send(d: ClaimedDelivery, call: () => Promise<DeliveryResult>, idempotent: boolean): Promise<DeliveryResult> {
    try {
      const parsed = deliveryResultSchema.safeParse(await call());
      if (parsed.success) return parsed.data as DeliveryResult;
      this.log.error({ deliveryId: d.id, issues: parsed.error.issues }, 'delivery worker: the connector answered out of contract');
      return { outcome: 'permanent', code: 'unknown_outcome', detail: 'the connector answered out of contract' };
    } catch (err) {
      this.log.error({ err, deliveryId: d.id }, 'delivery worker: the connector threw');
      const detail = `the connector failed: ${String((err as Error)?.message ?? err)}`.slice(0, 500);
      return idempotent ? { outcome: 'transient', code: 'network', detail } : { outcome: 'permanent', code: 'unknown_outcome', detail };
    }
  }
}
