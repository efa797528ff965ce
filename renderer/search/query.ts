import Dexie, { RangeSet, type ObservabilitySet } from 'dexie';
import type { OtklikDb } from '../db/schema';
import { queryStems } from './tokens';

/**
 * Finds appeals by words of their text, author, place or replies. Each query word is stemmed and
 * matched as a prefix of the stored stems (a half-typed word already finds something); every word
 * must match, in the appeal itself or in one of its replies.
 */
export class AppealSearch {
  /** reply id → appeal id, for turning reply matches into appeals; built once, kept current. */
  private replyAppeal: Map<string, string> | null = null;
  private building: Promise<Map<string, string>> | null = null;
  private started = false;

  constructor(readonly db: OtklikDb) {}

  start(): void {
    if (this.started) return;
    this.started = true;
    Dexie.on('storagemutated', this.onMutated);
  }

  stop(): void {
    this.started = false;
    Dexie.on.storagemutated.unsubscribe(this.onMutated);
  }

  /** Builds the reply map ahead of the first search (idle time after start-up). */
  warm(): Promise<void> {
    return this.replyMap().then(() => undefined);
  }

  private readonly onMutated = (parts: ObservabilitySet): void => {
    const tree = parts[`idb://${this.db.name}/replies/`];
    if (!tree || !('from' in tree) || !this.replyAppeal) return;
    const keys: string[] = [];
    for (const node of RangeSet(tree)) {
      if (typeof node.from !== 'string' || node.from !== node.to) {
        // A bulk write: rebuild on the next search.
        this.replyAppeal = null;
        return;
      }
      keys.push(node.from);
    }
    const map = this.replyAppeal;
    void this.db.replies.bulkGet(keys).then((rows) =>
      rows.forEach((row, i) => {
        if (row) map.set(row.id, row.appealId);
        else map.delete(keys[i]!);
      }),
    );
  };

  private replyMap(): Promise<Map<string, string>> {
    if (this.replyAppeal) return Promise.resolve(this.replyAppeal);
    this.building ??= (async () => {
      const map = new Map<string, string>();
      // A key cursor over the appealId index: no reply bodies are read.
      await this.db.replies.orderBy('appealId').eachKey((appealId, cursor) => {
        map.set(cursor.primaryKey as string, appealId as string);
      });
      this.replyAppeal = map;
      return map;
    })().finally(() => {
      this.building = null;
    });
    return this.building;
  }

  /** Ids of the appeals matching every word of the query; null for an empty query. */
  async search(query: string): Promise<Set<string> | null> {
    const stems = queryStems(query);
    if (stems.length === 0) return null;
    const replies = await this.replyMap();
    let result: Set<string> | null = null;
    // Longest stems first: they match the fewest records, so the intersection shrinks fastest.
    for (const stem of [...stems].sort((a, b) => b.length - a.length)) {
      const [appealIds, replyIds] = await Promise.all([
        this.db.appeals.where('searchTokens').startsWith(stem).primaryKeys(),
        this.db.replies.where('searchTokens').startsWith(stem).primaryKeys(),
      ]);
      const matched = new Set<string>();
      for (const id of appealIds) if (!result || result.has(id)) matched.add(id);
      for (const id of replyIds) {
        const appealId = replies.get(id);
        if (appealId && (!result || result.has(appealId))) matched.add(appealId);
      }
      result = matched;
      if (result.size === 0) break;
    }
    return result;
  }
}
