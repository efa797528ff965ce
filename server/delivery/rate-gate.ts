import type { RateLimits } from '../channels/types';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Entries older than this are forgotten: no platform asks for a longer gap. */
const FORGET_AFTER_MS = 60_000;

/**
 * The platforms' rate limits, kept by this process: a message to one dialog or thread no sooner
 * than `perTargetMs` after the previous one, and through one channel (one bot or community token)
 * at most `perChannelPerSecond`, spaced evenly. Each caller reserves its slot before it waits, so
 * concurrent sends get distinct slots.
 *
 * Across server processes: one dialog's messages are serialized by the claim (a target has at
 * most one message `sending`, in order), and a delivered message pushes the next one to its
 * dialog `perTargetMs` later in the database (outcome.ts), so the per-target gap holds across
 * processes too. The per-channel rate does not: N processes may together send up to N times
 * `perChannelPerSecond` through one channel for as long as they all have work for it; the
 * platform's 429 / flood-control answer is then retried with its own delay.
 */
export class RateGate {
  private readonly channelNext = new Map<string, number>();
  private readonly targetNext = new Map<string, number>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Resolves when this message may go. */
  async wait(channelId: string, targetKey: string, limits: RateLimits): Promise<void> {
    const at = this.reserve(channelId, targetKey, limits);
    const delay = at - this.now();
    if (delay > 0) await sleep(delay);
  }

  /** The instant the message may go, with the channel's and the dialog's next free slots moved past it. */
  reserve(channelId: string, targetKey: string, limits: RateLimits): number {
    const now = this.now();
    this.forget(now);
    const target = `${channelId}\u0000${targetKey}`;
    const at = Math.max(now, this.channelNext.get(channelId) ?? 0, this.targetNext.get(target) ?? 0);
    this.channelNext.set(channelId, at + 1000 / Math.max(limits.perChannelPerSecond, 0.001));
    this.targetNext.set(target, at + limits.perTargetMs);
    return at;
  }

  /**
   * The platform counts its gap from when a message arrived, which is some time after the slot it
   * was sent in: the dialog's next slot is counted again from the answer.
   */
  sent(channelId: string, targetKey: string, limits: RateLimits): void {
    const target = `${channelId}\u0000${targetKey}`;
    this.targetNext.set(target, Math.max(this.targetNext.get(target) ?? 0, this.now() + limits.perTargetMs));
  }

  private forget(now: number): void {
    if (this.targetNext.size < 10_000) return;
    for (const [key, next] of this.targetNext) if (next < now - FORGET_AFTER_MS) this.targetNext.delete(key);
  }
}
