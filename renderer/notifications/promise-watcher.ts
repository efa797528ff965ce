import type { TFunction } from 'i18next';
import type { OtklikBridge } from '../../shared/bridge';
import type { ProductionCalendar } from '../../shared/calendar';
import { controlList } from '../../shared/problem-control';
import type { AppNotification, OtklikDb } from '../db/schema';
import { formatShort } from '../i18n/format';
import { overdueText } from '../reports/digest';
import { loadProblems } from '../problems/problem-view';

export interface PromiseWatcherOptions {
  db: OtklikDb;
  userId: string;
  bridge: Pick<OtklikBridge, 'notify'>;
  t: TFunction;
  calendar: () => ProductionCalendar;
  now?: () => Date;
  /** Promises fall overdue with nothing pulled: judged on this timer. */
  recheckMs?: number;
}

/** One notice per problem and promised date: a moved promise that falls overdue again is news again. */
export const promiseNoticeId = (problemId: string, promisedAt: number) => `promise:${problemId}:${promisedAt}`;

/**
 * Tells a supervisor when a promise under «Контроль исполнения» is overdue by the escalation
 * threshold in working time (shared/problem-control.ts), as a deadline escalates: a notification in
 * the bell and on the desktop, once per problem and promised date.
 */
export class PromiseWatcher {
  private timer: ReturnType<typeof setInterval> | null = null;
  private queue: Promise<void> = Promise.resolve();
  private stopped = false;

  constructor(private readonly o: PromiseWatcherOptions) {}

  start(): void {
    this.timer = setInterval(() => this.check(), this.o.recheckMs ?? 10 * 60_000);
    this.check();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
  }

  /** Judges again (after a pull), after what is being judged now. */
  check(): Promise<void> {
    this.queue = this.queue.then(() => this.judge()).catch(() => undefined);
    return this.queue;
  }

  private async judge(): Promise<void> {
    if (this.stopped) return;
    const { db, t } = this.o;
    const problems = await loadProblems(db, { id: this.o.userId });
    const escalated = controlList(problems.values(), this.o.now?.() ?? new Date(), { calendar: this.o.calendar() }).filter((r) => r.escalated);
    if (escalated.length === 0) return;
    const ids = escalated.map((r) => promiseNoticeId(r.id, r.promisedAt));
    const known = await db.notifications.bulkGet(ids);
    const fresh = escalated.filter((_, i) => !known[i]);
    if (fresh.length === 0 || this.stopped) return;
    const at = new Date().toISOString();
    const rows: AppNotification[] = [];
    for (const r of fresh) {
      const first = (await db.appeals.where('problemId').equals(r.id).sortBy('receivedAt'))[0];
      const body = r.responsibleBodyId ? ((await db.bodies.get(r.responsibleBodyId))?.name ?? r.responsibleBodyId) : '—';
      rows.push({
        id: promiseNoticeId(r.id, r.promisedAt),
        userId: this.o.userId,
        kind: 'promise',
        appealId: first?.id ?? '',
        title: t('notifications.promise', { title: r.title }),
        body: t('notifications.promiseBody', { body, date: formatShort(new Date(r.promisedAt)), overdue: overdueText(r.overdueWorkingMs) }),
        at,
        read: false,
      });
    }
    await db.notifications.bulkPut(rows);
    for (const r of rows) await this.o.bridge.notify(r.title, r.body).catch(() => undefined);
  }
}
