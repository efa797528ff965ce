import Dexie, { type ObservabilitySet } from 'dexie';
import type { TFunction } from 'i18next';
import { changedKeys } from '../db/changed-keys';
import type { OtklikBridge } from '../../shared/bridge';
import { addWorkingHours, DEADLINE_RED_HOURS } from '../../shared/deadlines';
import type { AppNotification, OtklikDb } from '../db/schema';
import { formatDateTime } from '../i18n/format';
import type { QueueItem } from '../ui/queue/item';
import type { IndexSnapshot, ReplicaIndex } from '../ui/queue/replica-index';
import { assignmentNotices, BURST, citizenNotices, deadlineNotices, ratingNotices, reviewNotices, type Notice } from './derive';
import { workCalendar } from '../clerk/calendar';

const MAX_ASSIGNED_AT_ONCE = 50;
/** A citizen's message pulled later than this after it arrived (a workstation off for days) is in the thread, not news. */
const CITIZEN_NEWS_MS = 24 * 3_600_000;

export interface WatcherOptions {
  db: OtklikDb;
  index: ReplicaIndex;
  userId: string;
  /** A supervisor hears of every appeal in their scope a citizen's rating took back into work. */
  supervisor?: boolean;
  bridge: Pick<OtklikBridge, 'notify'>;
  t: TFunction;
  /** While the replica is first filled, every appeal would look new: nothing is told then. */
  bootstrapping: () => boolean;
  deadlineCheckMs?: number;
}

/**
 * Turns changes of the replica into notifications: stored (the bell's list) and shown on the
 * desktop (through the bridge). Runs while the workstation is open.
 */
export class NotificationWatcher {
  private prev: IndexSnapshot | null = null;
  private unsubscribe: (() => void) | null = null;
  private timer: ReturnType<typeof setInterval> | null = null;
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly o: WatcherOptions) {}

  start(): void {
    this.prev = this.o.index.get();
    this.unsubscribe = this.o.index.subscribe(() => this.onChange());
    this.timer = setInterval(() => this.checkDeadlines(), this.o.deadlineCheckMs ?? 60_000);
    this.checkDeadlines();
    Dexie.on('storagemutated', this.onStorage);
  }

  stop(): void {
    Dexie.on.storagemutated.unsubscribe(this.onStorage);
    this.unsubscribe?.();
    if (this.timer) clearInterval(this.timer);
  }

  /** Resolves when what was noticed so far is stored (tests). */
  idle(): Promise<void> {
    return this.queue;
  }

  private onChange(): void {
    const prev = this.prev;
    const next = this.o.index.get();
    this.prev = next;
    if (!prev?.loaded || !next.loaded || this.o.bootstrapping()) return;
    const notices: Notice[] = [];
    // null when more changed than the index keeps track of (a replica filled anew): no news then.
    const changes = prev.itemsVersion !== next.itemsVersion ? this.o.index.changesSince(prev.itemsVersion) : null;
    if (changes && changes.size > 0) {
      const before = new Map<string, QueueItem>();
      const now = new Map<string, QueueItem>();
      for (const [id, was] of changes) {
        const item = this.o.index.items.get(id);
        if (was) before.set(id, was);
        if (item) now.set(id, item);
      }
      const assigned = assignmentNotices(before, now, this.o.userId);
      // Hundreds at once is the replica being filled (a first sync, a re-login), not news.
      if (assigned.length <= MAX_ASSIGNED_AT_ONCE) notices.push(...assigned);
    }
    if (prev.submitted !== next.submitted) {
      const gone = [...prev.submitted].filter(([id, r]) => r.authorId === this.o.userId && !next.submitted.has(id)).map(([id]) => id);
      if (gone.length > 0) {
        this.enqueue(async () => {
          const rows = await this.o.db.replies.bulkGet(gone);
          const states = new Map(gone.map((id, i) => [id, rows[i]?.state]));
          const notices = reviewNotices(prev.submitted, next.submitted, states, this.o.userId);
          await this.tell(notices, this.itemsOf(notices));
        });
      }
    }
    if (notices.length > 0) {
      const items = this.itemsOf(notices);
      this.enqueue(() => this.tell(notices, items));
    }
  }

  /**
   * A citizen's new message arrives as an event in its appeal's history. Only histories written a
   * few at a time are read: a page of 50 or more (which Dexie reports as the whole table) is the
   * replica being filled, not news, like a burst of assignments.
   */
  private readonly onStorage = (parts: ObservabilitySet): void => {
    const keys = changedKeys(parts[`idb://${this.o.db.name}/histories/`]);
    if (keys === null || keys === 'all' || keys.length === 0 || keys.length > MAX_ASSIGNED_AT_ONCE) return;
    if (!this.o.index.get().loaded || this.o.bootstrapping()) return;
    this.enqueue(async () => {
      const rows = (await this.o.db.histories.bulkGet(keys)).filter((h) => h !== undefined);
      const since = new Date(Date.now() - CITIZEN_NEWS_MS).toISOString();
      const notices = [
        ...citizenNotices(rows, this.o.index.items, this.o.userId, since),
        ...ratingNotices(rows, this.o.index.items, this.o.userId, this.o.supervisor === true, since),
      ];
      await this.tell(notices, this.itemsOf(notices));
    });
  };

  private checkDeadlines(): void {
    const snap = this.o.index.get();
    if (!snap.loaded || this.o.bootstrapping()) return;
    const now = new Date();
    const redBefore = addWorkingHours(now, DEADLINE_RED_HOURS, workCalendar()).getTime();
    const notices = deadlineNotices(snap.items.values(), this.o.userId, now.getTime(), redBefore);
    if (notices.length > 0) {
      const items = this.itemsOf(notices);
      this.enqueue(() => this.tell(notices, items));
    }
  }

  private enqueue(job: () => Promise<void>): void {
    this.queue = this.queue.then(job).catch(() => undefined);
  }

  private describe(n: Notice, item: QueueItem | undefined): { title: string; body: string } {
    const { t } = this.o;
    const author = item?.authorName ?? '';
    switch (n.kind) {
      case 'assigned':
        return { title: t('notifications.assigned'), body: t('notifications.assignedBody', { author, preview: item?.preview ?? '' }) };
      case 'approved':
        return { title: t('notifications.approved'), body: t('notifications.approvedBody', { author }) };
      case 'returned':
        return { title: t('notifications.returned'), body: t('notifications.returnedBody', { author, comment: '' }).replace(/:\s*$/, '.') };
      case 'deadline':
        return { title: t('notifications.deadline'), body: t('notifications.deadlineBody', { author, date: formatDateTime(item?.dueAt) }) };
      case 'citizen':
        return { title: t('notifications.citizen'), body: t('notifications.citizenBody', { author, text: (n.text ?? '').slice(0, 140) }) };
      case 'rating':
        return { title: t('notifications.rating'), body: t('notifications.citizenBody', { author, text: (n.text ?? '').slice(0, 140) }) };
    }
  }

  /** Stores the news not told before and shows it on the desktop; a burst is shown as one line per kind. */
  /** The appeals of these notices as they are now: the index changes in place before they are told. */
  private itemsOf(notices: readonly Notice[]): ReadonlyMap<string, QueueItem | undefined> {
    return new Map(notices.map((n) => [n.appealId, this.o.index.items.get(n.appealId)]));
  }

  private async tell(notices: Notice[], items: ReadonlyMap<string, QueueItem | undefined>): Promise<void> {
    if (notices.length === 0) return;
    const known = await this.o.db.notifications.bulkGet(notices.map((n) => n.id));
    const fresh = notices.filter((_, i) => !known[i]);
    if (fresh.length === 0) return;
    const at = new Date().toISOString();
    const rows: AppNotification[] = fresh.map((n) => ({
      id: n.id,
      userId: this.o.userId,
      kind: n.kind,
      appealId: n.appealId,
      at,
      read: false,
      ...this.describe(n, items.get(n.appealId)),
    }));
    await this.o.db.notifications.bulkPut(rows);
    const byKind = new Map<string, AppNotification[]>();
    for (const r of rows) byKind.set(r.kind, [...(byKind.get(r.kind) ?? []), r]);
    for (const list of byKind.values()) {
      if (list.length > BURST) await this.o.bridge.notify(list[0]!.title, `${list[0]!.body} (+${list.length - 1})`).catch(() => undefined);
      else for (const r of list) await this.o.bridge.notify(r.title, r.body).catch(() => undefined);
    }
  }
}
