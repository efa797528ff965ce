import { API_PREFIX } from './protocol';

/**
 * Workstation updates come from the regional server only: it serves electron-updater's generic
 * feed (latest.yml, latest-linux.yml, the installers) under this path.
 */
export const UPDATES_PATH = `${API_PREFIX}/updates/`;

/** The feed's base URL for a server address (with or without a trailing slash). */
export function updateFeedUrl(serverUrl: string): string {
  return `${serverUrl.replace(/\/+$/, '')}${UPDATES_PATH}`;
}

/** Why a check or a download did not succeed, as a code the renderer words in Russian. */
export type UpdateErrorCode = 'unreachable' | 'checksum' | 'failed';

/** What the workstation knows about updates; browser mode and a development run say not-applicable. */
export type UpdateStatus =
  | { state: 'not-applicable' }
  | { state: 'idle'; checkedAt: string | null; current: string }
  | { state: 'checking'; current: string }
  | { state: 'downloading'; current: string; version: string; percent: number }
  | { state: 'ready'; current: string; version: string }
  | { state: 'error'; current: string; code: UpdateErrorCode; checkedAt: string };

/**
 * What the person is offered once an update is downloaded. With changes still in the outbox the
 * restart is offered only together with how many of them are kept (the replica and the outbox
 * survive the update and are sent after it).
 */
export type UpdateOffer =
  | { kind: 'none' }
  | { kind: 'restart'; version: string }
  | { kind: 'restart-keeping'; version: string; pending: number };

export function updateOffer(status: UpdateStatus, pending: number): UpdateOffer {
  if (status.state !== 'ready') return { kind: 'none' };
  if (pending > 0) return { kind: 'restart-keeping', version: status.version, pending };
  return { kind: 'restart', version: status.version };
}
