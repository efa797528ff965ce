import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Compares a secret a caller sent with the stored one in time that does not depend on where they
 * differ (both are hashed first, so their lengths leak nothing either). A missing value never matches.
 */
export function sameSecret(given: unknown, expected: string | undefined): boolean {
  if (typeof given !== 'string' || !expected) return false;
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

export function header(headers: Record<string, string | string[] | undefined>, name: string): string | undefined {
  const v = headers[name.toLowerCase()];
  return Array.isArray(v) ? v[0] : v;
}
