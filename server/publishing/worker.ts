import { deliveryResultSchema } from '../../shared/channels/delivery';
import type { PublishResult } from '../../shared/channels/publish';
import { CHANNEL_PLATFORMS } from '../../shared/channels/platforms';
import { connectorFor } from '../channels/registry';
import type { ChannelSecretSealer } from '../context';
import type { Db } from '../db/types';
import { DEFAULT_RETRY, type RetryPolicy } from '../delivery/backoff';
import { sendingChannel } from '../delivery/channel';
import type { WorkerLog } from '../delivery/worker';
import { claimDuePublications, recoverExpiredPublications, type ClaimedPublication } from './claim';
import { PUBLISHING_CHANNEL } from './enqueue';
import { recordPublication, type OnPublished } from './outcome';
import { loadPublishPhotos } from './photos';

export interface PublishingWorkerOptions {
  pollMs?: number;
  /** Well above a post's calls: an upload per photo and the post, each with its 10 s timeout. */
  leaseMs?: number;
  leaseCheckMs?: number;
  maxInFlight?: number;
  retry?: Partial<RetryPolicy>;
  onPublished?: OnPublished;
}

const ERROR_PAUSE_MS = 5_000;

function idempotentPlatforms(): string[] {
  return CHANNEL_PLATFORMS.filter((p) => connectorFor(p)?.idempotentPublish === true);
}

/**
 * The publishing worker of one server process, the delivery worker's sibling for posts on the
 * bodies' pages: the same claim (SKIP LOCKED, committed `sending` before the call), lease, backoff
 * and rules for a send cut short (again only where the platform's key makes it safe, otherwise
 * `unknown_outcome` for a person). Posts are rare, so no per-channel rate gate: one post is a
 * handful of calls, far inside every platform's limits.
 */
export class PublishingWorker {
  private readonly pollMs: number;
  private readonly leaseMs: number;
  private readonly leaseCheckMs: number;
  private readonly maxInFlight: number;
  private readonly retry: RetryPolicy;
  private readonly inFlight = new Set<Promise<void>>();
  private timer: NodeJS.Timeout | null = null;
  private unlisten: (() => Promise<void>) | null = null;
  private running = false;
  private again = false;
  private stopped = true;
  private lastLeaseCheck = 0;

  constructor(
    private readonly db: Db,
    private readonly sealer: ChannelSecretSealer | null,
    private readonly log: WorkerLog,
    private readonly options: PublishingWorkerOptions = {},
  ) {
    this.pollMs = options.pollMs ?? 1000;
    this.leaseMs = options.leaseMs ?? 5 * 60_000;
    this.leaseCheckMs = options.leaseCheckMs ?? 15_000;
    this.maxInFlight = options.maxInFlight ?? 4;
    this.retry = { ...DEFAULT_RETRY, ...options.retry };
  }

  async start(): Promise<void> {
    this.stopped = false;
    this.unlisten = await this.db.listen(PUBLISHING_CHANNEL, () => this.wake());
    this.wake();
  }

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
        await recoverExpiredPublications(this.db, idempotentPlatforms());
      }
      const claimed = await claimDuePublications(this.db, this.maxInFlight - this.inFlight.size, this.leaseMs);
      for (const p of claimed) {
        const job = this.publish(p);
        this.inFlight.add(job);
        void job.finally(() => this.inFlight.delete(job));
      }
    } catch (err) {
      failed = true;
      this.log.error({ err }, 'publishing worker: a pass over the queue failed');
    } finally {
      this.running = false;
    }
    if (this.stopped) return;
    if (this.again && !failed) {
      this.again = false;
      this.wake();
      return;
    }
    this.timer = setTimeout(() => this.wake(), failed ? Math.max(this.pollMs, ERROR_PAUSE_MS) : this.pollMs);
    this.timer.unref();
  }

  private async publish(p: ClaimedPublication): Promise<void> {
    try {
      const result = await this.attempt(p);
      await recordPublication(this.db, p, result, this.retry, this.options.onPublished ?? null);
    } catch (err) {
      // Left `sending`: its lease decides, as for a process that stopped.
      this.log.error({ err, publicationId: p.id }, 'publishing worker: recording a publication failed');
    }
  }

  private async attempt(p: ClaimedPublication): Promise<PublishResult> {
    const found = await sendingChannel(this.db, p.channelId, this.sealer);
    if (!found.ok) return { outcome: 'permanent', code: found.code, detail: found.detail };
    const { connector, channel } = found;
    if (!connector.publish) return { outcome: 'permanent', code: 'rejected', detail: `${channel.platform} pages take no posts from this server (see the connector's README)` };
    const photos = await loadPublishPhotos(this.db, p.photoIds);
    if (!photos.ok) return { outcome: 'permanent', code: 'rejected', detail: photos.detail.slice(0, 500) };
    try {
      const answer = await connector.publish(channel, { publicationId: p.id, text: p.body, photos: photos.photos, idempotencyKey: p.idempotencyKey });
      const parsed = deliveryResultSchema.safeParse(answer);
      if (parsed.success) return parsed.data as PublishResult;
      this.log.error({ publicationId: p.id, issues: parsed.error.issues }, 'publishing worker: the connector answered out of contract');
      return { outcome: 'permanent', code: 'unknown_outcome', detail: 'the connector answered out of contract' };
    } catch (err) {
      this.log.error({ err, publicationId: p.id }, 'publishing worker: the connector threw');
      const detail = `the connector failed: ${String((err as Error)?.message ?? err)}`.slice(0, 500);
      return connector.idempotentPublish ? { outcome: 'transient', code: 'network', detail } : { outcome: 'permanent', code: 'unknown_outcome', detail };
    }
  }
}
