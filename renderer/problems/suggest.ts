import type { Appeal } from '../../shared/domain';
import { suggestLinks, SUGGESTION_WINDOW_DAYS, type Suggestion } from '../../shared/problem-suggestions';
import type { OtklikDb } from '../db/schema';
import { appealsByIds } from '../db/row-packs';
import type { QueueItem } from '../ui/queue/item';

const DAY = 86_400_000;
/** At most this many appeals are read whole to compare texts: the window's, newest first. */
const MAX_CANDIDATES = 3000;

export interface FoundSuggestion extends Suggestion {
  appeal: Appeal;
}

/**
 * The appeals to offer for linking with `appeal` (shared/problem-suggestions.ts). The in-memory
 * queue items narrow the replica to the window around it (a year's 100,000 appeals hold a few
 * thousand in a fortnight), and only those are read whole, as texts are compared.
 */
export async function findSuggestions(db: OtklikDb, items: Iterable<QueueItem>, appeal: Appeal, limit = 10): Promise<FoundSuggestion[]> {
  const received = Date.parse(appeal.receivedAt);
  const window = SUGGESTION_WINDOW_DAYS * DAY;
  const near: QueueItem[] = [];
  for (const item of items) if (item.id !== appeal.id && Math.abs(item.received - received) <= window) near.push(item);
  near.sort((a, b) => Math.abs(a.received - received) - Math.abs(b.received - received));
  const ids = near.slice(0, MAX_CANDIDATES).map((i) => i.id);
  const candidates = (await appealsByIds(db, ids)).filter((a): a is Appeal => a !== undefined);
  const byId = new Map(candidates.map((a) => [a.id, a]));
  return suggestLinks(appeal, candidates, { limit }).map((s) => ({ ...s, appeal: byId.get(s.appealId)! }));
}
