import { liveQuery, type Subscription } from 'dexie';
import { decideDraftAdoption, decideDraftWrite, type DraftStamp } from '../../shared/conflicts';
import type { Draft, OtklikDb } from './schema';

/**
 * A draft as stored, with the stamp of the save that wrote it (see shared/conflicts.ts: the last
 * keystroke wins between two windows). Drafts written before stamps existed count as typed at
 * their updatedAt.
 */
export interface StoredDraft extends Draft {
  typedAt?: string;
  windowId?: string;
}

/** This window (page load): its saves are told apart from another window's. */
export const WINDOW_ID: string = crypto.randomUUID();

/** The stamp of a stored draft; undefined for one saved before stamps existed (it races nobody). */
export function draftStamp(draft: StoredDraft): DraftStamp | undefined {
  if (!draft.windowId || !draft.typedAt || Number.isNaN(Date.parse(draft.typedAt))) return undefined;
  return { typedAt: draft.typedAt, windowId: draft.windowId };
}

/**
 * A reply being typed, kept so a reload, a crash or a restart loses nothing. Resolves to false
 * when the save was dropped because another window saved newer typing meanwhile.
 */
export async function saveDraft(db: OtklikDb, userId: string, appealId: string, body: string, stamp?: DraftStamp): Promise<boolean> {
  const now = new Date().toISOString();
  const incoming = stamp ?? { typedAt: now, windowId: WINDOW_ID };
  return db.transaction('rw', db.drafts, async () => {
    const stored = (await db.drafts.get(appealId)) as StoredDraft | undefined;
    // Another person's draft on a shared PC is not in a race with this one.
    const rival = stored && stored.userId === userId ? draftStamp(stored) : undefined;
    if (decideDraftWrite(rival, incoming, now) === 'drop') return false;
    if (body.trim() === '') await db.drafts.delete(appealId);
    else await db.table<StoredDraft, string>('drafts').put({ appealId, body, userId, updatedAt: now, typedAt: incoming.typedAt, windowId: incoming.windowId });
    return true;
  });
}

/** The draft of this person for this appeal, if any (another person's draft on a shared PC is not theirs). */
export async function loadDraft(db: OtklikDb, userId: string, appealId: string): Promise<StoredDraft | undefined> {
  const draft = (await db.drafts.get(appealId)) as StoredDraft | undefined;
  return draft && draft.userId === userId ? draft : undefined;
}

/**
 * One window's editing of one appeal's draft. It saves with this window's stamp and follows the
 * stored draft through a live query: newer text saved by another window of the same profile shows
 * here too, but never over typing here that is not yet saved.
 */
export class DraftEditor {
  private shown: DraftStamp | null = null;
  private dirty = false;
  private typedAt = '';
  private body = '';
  private sub: Subscription | null = null;

  constructor(
    private readonly db: OtklikDb,
    private readonly userId: string,
    private readonly appealId: string,
    /** Called with text to show that came from storage (the first load, or another window). */
    private readonly onText: (body: string) => void,
    private readonly windowId: string = WINDOW_ID,
  ) {}

  /** Follows the stored draft; `onLoaded` once the first read is shown (or found empty). */
  start(onLoaded?: () => void): void {
    let first = true;
    this.sub = liveQuery(() => loadDraft(this.db, this.userId, this.appealId)).subscribe({
      next: (draft) => {
        this.follow(draft);
        if (first) onLoaded?.();
        first = false;
      },
      error: () => undefined,
    });
  }

  stop(): void {
    this.sub?.unsubscribe();
    this.sub = null;
  }

  /** The person typed: remembered at once, saved by `flush`. */
  type(body: string, now: Date = new Date()): void {
    this.body = body;
    this.dirty = true;
    this.typedAt = now.toISOString();
  }

  get hasUnsaved(): boolean {
    return this.dirty;
  }

  /** Saves the typing; false when another window's newer draft won (and is then shown here). */
  async flush(): Promise<boolean> {
    if (!this.dirty) return true;
    const stamp = { typedAt: this.typedAt, windowId: this.windowId };
    const body = this.body;
    this.dirty = false;
    let written: boolean;
    try {
      written = await saveDraft(this.db, this.userId, this.appealId, body, stamp);
    } catch (error) {
      this.dirty = true;
      throw error;
    }
    if (written) {
      if (this.typedAt === stamp.typedAt) this.shown = body.trim() === '' ? null : stamp;
      return true;
    }
    // The live query will not fire for a draft that did not change: take the winner now.
    this.follow(await loadDraft(this.db, this.userId, this.appealId));
    return false;
  }

  /** The reply was sent (its outbox entry removed the draft): nothing is shown any more. */
  sent(): void {
    this.dirty = false;
    this.body = '';
    this.shown = null;
  }

  private follow(draft: StoredDraft | undefined): void {
    const stamp = draft ? (draftStamp(draft) ?? { typedAt: draft.updatedAt, windowId: '' }) : undefined;
    const decision = decideDraftAdoption({ stored: stamp, shown: this.shown, dirty: this.dirty });
    if (decision === 'adopt' && draft && stamp) {
      this.shown = stamp;
      this.body = draft.body;
      this.onText(draft.body);
    } else if (decision === 'clear') {
      this.shown = null;
      this.body = '';
      this.onText('');
    }
  }
}
