/**
 * bootstrap: a supervisor's workstation pulls a region of 100,000 appeals (with their replies,
 * notes and history) from the regional server into IndexedDB in headless Chromium through the
 * real sync path. The floor it is compared with, in the same page: a raw Dexie bulkPut of the
 * same records (every record the bootstrap stores, one bulkPut per table), and of the appeals alone.
 */
import { figure } from './report';
import { launchChromium } from './browser';
import { loginToken, startBenchServer } from './server-process';

const APPEALS = Number(process.env.OTKLIK_BENCH_APPEALS ?? 100_000);

export async function bootstrapBench(): Promise<void> {
  const server = await startBenchServer({ port: 18901, appeals: APPEALS });
  const browser = await launchChromium();
  try {
    const token = await loginToken(server.url, 'curator');
    const page = await browser.newPage();
    await page.goto(`${server.url}/bench.html`);
    await page.waitForFunction(() => document.getElementById('bench-state')?.textContent === 'ready');

    const run = await page.evaluate(
      ([url, t]) => window.otklikBench!.bootstrap(url!, t!),
      [server.url, token] as const,
    );
    if (run.count !== APPEALS) throw new Error(`bootstrap stored ${run.count} appeals, expected ${APPEALS}`);

    // The floors: the same records, already in memory, written with plain bulkPuts.
    const pre = await page.evaluate(([url, t]) => window.otklikBench!.prefetch(url!, t!), [server.url, token] as const);
    const rawAllMs = await page.evaluate(() => window.otklikBench!.rawBulkPutStored());
    const rawAppealsMs = await page.evaluate(() => window.otklikBench!.rawBulkPut());

    const rate = (run.count / run.ms) * 1000;
    const rawRate = (run.count / rawAllMs) * 1000;
    const rawAppealsRate = (run.count / rawAppealsMs) * 1000;
    figure('bootstrap.appeals', run.count, 'appeals');
    figure('bootstrap.changes', run.changes, 'changes');
    figure('bootstrap.ms', Math.round(run.ms), 'ms');
    figure('bootstrap.rate', Math.round(rate), 'appeals/s');
    figure('bootstrap.raw_rate', Math.round(rawRate), 'appeals/s');
    figure('bootstrap.ratio', rate / rawRate);
    figure('bootstrap.fetch_ms', Math.round(pre.ms), 'ms');
    figure('bootstrap.raw_appeals_rate', Math.round(rawAppealsRate), 'appeals/s');
    figure('bootstrap.ratio_appeals_only', rate / rawAppealsRate);
  } finally {
    await browser.close();
    await server.stop();
  }
}
