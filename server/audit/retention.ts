import type { Db } from '../db/types';
import { purgeAudit } from './log';
import { startPeriodic } from '../periodic';

export const AUDIT_PURGE_INTERVAL_MS = 6 * 60 * 60 * 1000;

/**
 * The retention purge on a timer: at start and then every `intervalMs`, entries older than the
 * configured retention leave the log (several server processes may run it: it is idempotent).
 */
export function startAuditPurge(db: Db, intervalMs: number, onError: (err: unknown) => void): () => void {
  return startPeriodic(() => purgeAudit(db), 1000, intervalMs, onError);
}
