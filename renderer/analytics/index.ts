import type { OtklikDb } from '../db/schema';
import { FactsStore } from './facts-store';

export { FactsStore, type FactsView } from './facts-store';
export { loadAwaitingApproval, loadReviewQueue, type ReviewItem } from './approvals';

let current: { store: FactsStore; db: OtklikDb; ownerId: string } | null = null;

/** The one facts store of this window, for the person logged in (another person: a new store). */
export function factsStore(db: OtklikDb, ownerId: string): FactsStore {
  if (current && current.db === db && current.ownerId === ownerId) return current.store;
  current?.store.stop();
  current = { store: new FactsStore(db, ownerId), db, ownerId };
  return current.store;
}
