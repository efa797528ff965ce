/**
 * An in-memory inverted index from word stems to appeals, found by stem prefix. Documents are an
 * appeal's own words or one reply's; both answer with the appeal's id. Postings hold small
 * integers rather than ids, so a region of 100,000 appeals (a few million stem occurrences)
 * fits in tens of megabytes.
 */
export class StemIndex {
  /** stem → document numbers (some may be of documents since replaced or removed). */
  private readonly postings = new Map<string, number[]>();
  /** document number → its appeal's id; null once replaced or removed. */
  private docs: (string | null)[] = [];
  /** 'a:<appeal id>' or 'r:<reply id>' → its current document number. */
  private readonly byKey = new Map<string, number>();
  /** Every stem, sorted, for prefix ranges; null when a new stem arrived since. */
  private sorted: string[] | null = null;
  private dead = 0;

  get size(): number {
    return this.byKey.size;
  }

  /** Puts (or replaces) one document: `key` names it, `appealId` is what a match answers. */
  set(key: string, appealId: string, stems: readonly string[]): void {
    this.remove(key);
    const doc = this.docs.push(appealId) - 1;
    this.byKey.set(key, doc);
    for (const stem of stems) {
      const list = this.postings.get(stem);
      if (list) list.push(doc);
      else {
        this.postings.set(stem, [doc]);
        this.sorted = null;
      }
    }
  }

  remove(key: string): void {
    const doc = this.byKey.get(key);
    if (doc === undefined) return;
    this.docs[doc] = null;
    this.byKey.delete(key);
    if (++this.dead > 10_000 && this.dead > this.byKey.size) this.compact();
  }

  /** Appeals having a stem that begins with `prefix`. */
  matchPrefix(prefix: string): Set<string> {
    const sorted = (this.sorted ??= [...this.postings.keys()].sort());
    const out = new Set<string>();
    for (let i = lowerBound(sorted, prefix); i < sorted.length && sorted[i]!.startsWith(prefix); i++) {
      for (const doc of this.postings.get(sorted[i]!)!) {
        const appealId = this.docs[doc];
        if (appealId != null) out.add(appealId);
      }
    }
    return out;
  }

  /** Drops replaced documents from the postings once they outnumber the live ones. */
  private compact(): void {
    for (const [stem, list] of this.postings) {
      const live = list.filter((doc) => this.docs[doc] !== null);
      if (live.length > 0) this.postings.set(stem, live);
      else {
        this.postings.delete(stem);
        this.sorted = null;
      }
    }
    this.dead = 0;
  }
}

function lowerBound(sorted: readonly string[], value: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
