import type { DeliveryResult } from '../../../shared/channels/delivery';
import { PLATFORM_TIMEOUT_MS } from '../http';
import { maxErrorResult } from './outbound';

/**
 * One raw call to MAX's Bot API or its upload server, for what the SDK 0.3.1 does only from a file
 * path or stream (uploads): the answer's JSON, or the delivery result of its failure and whether
 * the request may have been taken.
 */
export type Call = { ok: true; json: unknown } | { ok: false; result: DeliveryResult; sent: 'no' | 'maybe' };

export async function call(url: string, init: RequestInit, what: string): Promise<Call> {
  let res: Response;
  try {
    res = await fetch(url, { ...init, signal: AbortSignal.timeout(PLATFORM_TIMEOUT_MS * 3) });
  } catch (e) {
    const err = e as Error;
    const detail = `MAX ${what}: ${err.name}: ${err.message}`.slice(0, 500);
    // No answer in time: it may have been taken. A refused connection took nothing.
    return err.name === 'TimeoutError' ? { ok: false, result: { outcome: 'permanent', code: 'unknown_outcome', detail }, sent: 'maybe' } : { ok: false, result: { outcome: 'transient', code: 'network', detail }, sent: 'no' };
  }
  const json: unknown = await res.json().catch(() => null);
  if (res.ok) return { ok: true, json };
  const body = (json ?? {}) as { code?: unknown; message?: unknown };
  return { ok: false, result: maxErrorResult(res.status, String(body.code ?? ''), `${what}: ${String(body.message ?? '')}`), sent: 'no' };
}

