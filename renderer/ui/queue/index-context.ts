import { getDb } from '../../db';
import { AppealSearch } from '../../search/query';
import { ReplicaIndex } from './replica-index';

let replica: ReplicaIndex | null = null;
let search: AppealSearch | null = null;

/** The queue's in-memory projection of this window's replica, started on first use. */
export function getReplicaIndex(): ReplicaIndex {
  if (!replica) {
    replica = new ReplicaIndex(getDb());
    replica.start();
  }
  return replica;
}

export function getAppealSearch(): AppealSearch {
  if (!search) {
    search = new AppealSearch(getDb());
    search.start();
  }
  return search;
}
