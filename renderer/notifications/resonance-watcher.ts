import type { TFunction } from 'i18next';
import type { OtklikBridge } from '../../shared/bridge';
import { DEFAULT_WORK_SCHEDULE } from '../../shared/deadlines';
import { findResonanceInFacts, resonanceNoticeId, type ResonanceAlarm, type ResonanceSettings } from '../../shared/resonance';
import type { FactsView } from '../analytics';
import type { AppNotification, OtklikDb } from '../db/schema';

export interface ResonanceWatcherOptions {
  db: OtklikDb;
  facts: { get(): Promise<FactsView>; subscribe(listener: (view: FactsView) => void): () => void };
  userId: string;
  bridge: Pick<OtklikBridge, 'notify'>;
  t: TFunction;
  settings: () => ResonanceSettings;
  /**
   * While the replica is still arriving, today's appeals come before the weeks they are compared
   * with, and every topic would look like a spike: nothing is judged then.
   */
  bootstrapping: () => boolean;
  now?: () => Date;
  /** How long the facts must be still before they are judged (a pulled page changes hundreds at once). */
  settleMs?: number;
  /** The day turns over with nothing pulled: judged again on this timer too. */
  recheckMs?: number;
}

/**
 * Tells a supervisor when a topic grows in a place (shared/resonance.ts): a notification in the
 * bell and on the desktop, once per topic, place and day, whichever window or restart computes it.
 */
export class ResonanceWatcher {
  private unsubscribe: (() => void) | null = null;
  private settleTimer: ReturnType<typeof setTimeout> | null = null;
  private recheckTimer: ReturnType<typeof setInterval> | null = null;
  private queue: Promise<void> = Promise.resolve();
  private stopped = false;

  constructor(private readonly o: ResonanceWatcherOptions) {}

  start(): void {
    this.unsubscribe = this.o.facts.subscribe(() => this.schedule());
    this.recheckTimer = setInterval(() => this.schedule(), this.o.recheckMs ?? 10 * 60_000);
    this.schedule();
  }

  stop(): void {
    this.stopped = true;
    this.unsubscribe?.();
    if (this.settleTimer) clearTimeout(this.settleTimer);
    if (this.recheckTimer) clearInterval(this.recheckTimer);
  }

  /** Resolves when what was judged so far is stored (tests). */
  idle(): Promise<void> {
    return this.queue;
  }

  /** Judges again soon (new thresholds). */
  recheck(): void {
    this.schedule();
  }

  private schedule(): void {
    if (this.settleTimer) clearTimeout(this.settleTimer);
    this.settleTimer = setTimeout(() => {
      this.settleTimer = null;
      this.queue = this.queue.then(() => this.judge()).catch(() => undefined);
    }, this.o.settleMs ?? 3000);
  }

  private async judge(): Promise<void> {
    if (this.stopped) return;
    if (this.o.bootstrapping()) {
      // Judged once the replica is whole, even if nothing changes after that.
      this.schedule();
      return;
    }
    const view = await this.o.facts.get();
    const alarms = findResonanceInFacts(view.facts, this.o.now?.() ?? new Date(), DEFAULT_WORK_SCHEDULE.timeZone, this.o.settings());
    if (alarms.length === 0 || this.stopped) return;
    const ids = alarms.map(resonanceNoticeId);
    const known = await this.o.db.notifications.bulkGet(ids);
    const fresh = alarms.filter((_, i) => !known[i]);
    if (fresh.length === 0) return;
    const at = new Date().toISOString();
    const rows: AppNotification[] = [];
    for (const alarm of fresh) rows.push({ id: resonanceNoticeId(alarm), userId: this.o.userId, kind: 'resonance', appealId: alarm.appealIds[0] ?? '', at, read: false, ...(await this.describe(alarm)) });
    await this.o.db.notifications.bulkPut(rows);
    for (const r of rows) await this.o.bridge.notify(r.title, r.body).catch(() => undefined);
  }

  private async describe(alarm: ResonanceAlarm): Promise<{ title: string; body: string }> {
    const { db, t } = this.o;
    const place = (await db.municipalities.get(alarm.municipalityId))?.name ?? (await db.bodies.get(alarm.municipalityId))?.name ?? alarm.municipalityId;
    return {
      title: t('notifications.resonance', { topic: alarm.topicLabel }),
      body: t('notifications.resonanceBody', { place, count: alarm.today, usual: alarm.baseline.toLocaleString('ru-RU', { maximumFractionDigits: 1 }) }),
    };
  }
}
