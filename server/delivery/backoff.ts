/** How transient failures are retried: exponentially, within a budget of attempts. */
export interface RetryPolicy {
  /** The wait after the first failed attempt; doubled after each next one. */
  baseMs: number;
  maxMs: number;
  /** Attempts after which a delivery that keeps failing transiently stops as `retries_exhausted`. */
  maxAttempts: number;
}

/**
 * 2 s, 4 s, … up to 10 minutes between attempts; twelve attempts span about 40 minutes, long enough
 * for a platform's usual outage, short enough that the clerk learns of a longer one the same hour.
 */
export const DEFAULT_RETRY: RetryPolicy = { baseMs: 2000, maxMs: 10 * 60_000, maxAttempts: 12 };

/**
 * The wait before the next attempt, after `attempts` attempts of the current budget. Jittered by
 * ±20% so that a backlog left by an outage does not come back at one instant; never shorter than
 * what the platform asked for (`retryAfterMs`: Telegram's `retry_after`, an HTTP Retry-After).
 */
export function retryDelayMs(policy: RetryPolicy, attempts: number, retryAfterMs?: number, random: () => number = Math.random): number {
  const exponential = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, attempts - 1));
  const jittered = Math.round(exponential * (0.8 + 0.4 * random()));
  return Math.max(jittered, retryAfterMs ?? 0);
}

export function budgetSpent(policy: RetryPolicy, attempts: number): boolean {
  return attempts >= policy.maxAttempts;
}
