import { getDb } from '../../db';
import type { SearchService } from '../../search/protocol';
import { createAppealSearch } from '../../search/search-client';
import { ReplicaIndex } from './replica-index';

let replica: ReplicaIndex | null = null;
let search: SearchService | null = null;

/** The queue's in-memory projection of this window's replica, started on first use. */
export function getReplicaIndex(): ReplicaIndex {
  if (!replica) {
    replica = new ReplicaIndex(getDb());
    replica.start();
  }
  return replica;
}

/** Search over this window's replica; the index itself lives in a worker where there is one. */
export function getAppealSearch(): SearchService {
  if (!search) {
    search = createAppealSearch(getDb());
    search.start();
  }
  return search;
}
