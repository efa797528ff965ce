export { SyncClient, outboxCounts, prepareReplica, isQuotaError, type SyncClientOptions } from './client';
export { StatusStore, INITIAL_STATUS, type SyncStatus, type Connection } from './status';
export { createApi, ApiError, NetworkError, ProtocolError, normalizeServerUrl, type Api, type FetchLike } from './api';
export { AuthSession, SessionExpiredError } from './auth';
export { enqueue, applyPushResults, dismissRejected, InvalidMutationError } from './outbox';
export { pullAll, writePage, groupChanges, BOOTSTRAP_PAGE_LIMIT, type FetchPage } from './pull';
export { pushOutbox, PUSH_BATCH } from './push';
export { LiveChannel, backoffDelay } from './live';
export * from './actions';
