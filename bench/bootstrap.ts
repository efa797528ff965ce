/**
 * bootstrap: a workstation's first sign-in on a region of 100,000 appeals, in headless Chromium
 * through the real sync code (renderer/sync/snapshot.ts): the phases a sign-in waits for, the
 * pull from their head, and the closed appeals' threads in the background while appeals are
 * opened. For a regional supervisor (the whole region) and a clerk (their municipality). The
 * ratio's reference, in the same page: a raw Dexie bulkPut of what the log replay stored one
 * record per change (legacy_raw_rate), and of the same records with each appeal's thread packed
 * into one record (packed_raw_rate), to decide on that layout by a measurement.
 */
import { figure } from './report';
import { launchChromium } from './browser';
import { loginToken, startBenchServer } from './server-process';

const APPEALS = Number(process.env.OTKLIK_BENCH_APPEALS ?? 100_000);

function p95(values: number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.95))]!;
}

export async function bootstrapBench(): Promise<void> {
  const server = await startBenchServer({ port: 18901, appeals: APPEALS });
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    await page.goto(`${server.url}/bench.html`);
    await page.waitForFunction(() => document.getElementById('bench-state')?.textContent === 'ready');

    const clerkToken = await loginToken(server.url, 'operator');
    const clerk = await page.evaluate(([url, t]) => window.otklikBench!.phased(url!, t!, false), [server.url, clerkToken] as const);

    const token = await loginToken(server.url, 'curator');
    const run = await page.evaluate(([url, t]) => window.otklikBench!.phased(url!, t!, true), [server.url, token] as const);
    if (run.appeals !== APPEALS) throw new Error(`bootstrap stored ${run.appeals} appeals, expected ${APPEALS}`);

    // The reference: the log replay's records (one per change, events unpacked), already in
    // memory, written with plain bulkPuts into stores with no index but the key.
    const pre = await page.evaluate(([url, t]) => window.otklikBench!.prefetch(url!, t!), [server.url, token] as const);
    const legacyMs = await page.evaluate(() => window.otklikBench!.rawBulkPutAll());
    // «Fewer, larger records», measured before the replica is changed for it: the same records
    // with each appeal's thread packed into one, written the same plain way.
    const packedMs = await page.evaluate(() => window.otklikBench!.rawBulkPutPacked());

    const rate = (run.appeals / run.fullMs) * 1000;
    const legacyRate = (run.appeals / legacyMs) * 1000;
    figure('bootstrap.appeals', run.appeals, 'appeals');
    figure('bootstrap.usable_ms', Math.round(Math.max(run.usableMs, clerk.usableMs)), 'ms');
    figure('bootstrap.usable_supervisor_ms', Math.round(run.usableMs), 'ms');
    figure('bootstrap.usable_clerk_ms', Math.round(clerk.usableMs), 'ms');
    figure('bootstrap.clerk_appeals', clerk.appeals, 'appeals');
    figure('bootstrap.clerk_full_ms', Math.round(clerk.fullMs), 'ms');
    figure('bootstrap.rows_ms', Math.round(run.rowsMs), 'ms');
    figure('bootstrap.full_ms', Math.round(run.fullMs), 'ms');
    figure('bootstrap.pages', run.pages, 'pages');
    figure('bootstrap.rate', Math.round(rate), 'appeals/s');
    figure('bootstrap.open_during_backfill_p95_ms', Math.round(p95(run.opens) * 10) / 10, 'ms');
    figure('bootstrap.opens_during_backfill', run.opens.length, 'opens');
    figure('bootstrap.backfill_long_tasks', run.longTasks.length, 'tasks');
    figure('bootstrap.backfill_longest_task_ms', Math.round(Math.max(0, ...run.longTasks)), 'ms');
    figure('bootstrap.log_changes', pre.changes, 'changes');
    figure('bootstrap.log_fetch_ms', Math.round(pre.ms), 'ms');
    figure('bootstrap.legacy_raw_ms', Math.round(legacyMs), 'ms');
    figure('bootstrap.legacy_raw_rate', Math.round(legacyRate), 'appeals/s');
    figure('bootstrap.ratio_to_legacy_raw', rate / legacyRate);
    figure('bootstrap.packed_raw_ms', Math.round(packedMs), 'ms');
    figure('bootstrap.packed_raw_rate', Math.round((run.appeals / packedMs) * 1000), 'appeals/s');
    figure('bootstrap.packed_to_legacy_raw', legacyMs / packedMs);
  } finally {
    await browser.close();
    await server.stop();
  }
}
