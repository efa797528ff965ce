import type { Db } from '../db/types';
import { purgeAudit } from './log';

export const AUDIT_PURGE_INTERVAL_MS = 6 * 60 * 60 * 1000;

/**
 * The retention purge on a timer: at start and then every `intervalMs`, entries older than the
 * configured retention leave the log (several server processes may run it: it is idempotent).
 */
export function startAuditPurge(db: Db, intervalMs: number, onError: (err: unknown) => void): () => void {
  const run = () => void purgeAudit(db).catch(onError);
  const first = setTimeout(run, 1000);
  const timer = setInterval(run, intervalMs);
  first.unref?.();
  timer.unref?.();
  return () => {
    clearTimeout(first);
    clearInterval(timer);
  };
}
