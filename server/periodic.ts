/**
 * A job a server process runs on a timer: soon after start, then every `intervalMs`. The timers do
 * not keep the process alive; a failure is reported and the next run goes on. Jobs run this way
 * are idempotent, so several server processes may run them.
 */
export function startPeriodic(run: () => Promise<unknown>, firstMs: number, intervalMs: number, onError: (err: unknown) => void): () => void {
  const go = () => void run().catch(onError);
  const first = setTimeout(go, firstMs);
  const timer = setInterval(go, intervalMs);
  first.unref?.();
  timer.unref?.();
  return () => {
    clearTimeout(first);
    clearInterval(timer);
  };
}
