/**
 * dashboard: how long the supervisors' «Аналитика» screen takes to show its figures and charts
 * for a region of 100,000 appeals in the local replica, beside the same with 1,000 — from the
 * click to the painted screen, in headless Chromium, through the real component. The replica is
 * filled directly in the page with generated records.
 *
 * - render_p95_ms, render_1k_p95_ms: the screen opened while the workstation runs (its facts kept
 *   current in memory since the session started): what a supervisor waits for on each click;
 * - session_p95_ms: the first open in a new session, from the last session's snapshot;
 * - cold_ms: the very first open, reading every appeal of the replica.
 */
import { launchChromium } from './browser';
import { bundleEntry, openHarness, type PageCode } from './page-harness';
import { figure, percentile } from './report';

const ORIGIN = 'http://localhost:5998';
const LARGE = Number(process.env.OTKLIK_BENCH_DASHBOARD_APPEALS ?? 100_000);
const SMALL = 1_000;
const RUNS = { open: 20, session: 5, cold: 2 } as const;

type Mode = keyof typeof RUNS;

async function runSize(code: PageCode, appeals: number): Promise<Record<Mode, number[]> & { fillMs: number }> {
  const browser = await launchChromium();
  try {
    const page = await openHarness(browser, code, ORIGIN, { width: 1366, height: 900 });
    const fillMs = await page.evaluate((n) => window.otklikDashboard!.fill(n), appeals);
    const stored = await page.evaluate(() => window.otklikDashboard!.count());
    if (stored !== appeals) throw new Error(`filled ${stored} appeals, expected ${appeals}`);
    const result = { fillMs, open: [], session: [], cold: [] } as Record<Mode, number[]> & { fillMs: number };
    for (const mode of ['cold', 'session', 'open'] as const) {
      // One warm-up (first renders, JIT) is not counted.
      await page.evaluate((m) => window.otklikDashboard!.render(m), mode);
      for (let i = 0; i < RUNS[mode]; i++) result[mode].push(await page.evaluate((m) => window.otklikDashboard!.render(m), mode));
    }
    return result;
  } finally {
    await browser.close();
  }
}

export async function dashboardBench(): Promise<void> {
  const code = await bundleEntry('bench-dashboard.tsx');
  const small = await runSize(code, SMALL);
  const large = await runSize(code, LARGE);
  figure('dashboard.appeals', LARGE, 'appeals');
  figure('dashboard.fill_ms', Math.round(large.fillMs), 'ms');
  figure('dashboard.render_p50_ms', percentile(large.open, 50), 'ms');
  figure('dashboard.render_p95_ms', percentile(large.open, 95), 'ms');
  figure('dashboard.render_1k_p95_ms', percentile(small.open, 95), 'ms');
  figure('dashboard.session_p95_ms', percentile(large.session, 95), 'ms');
  figure('dashboard.session_1k_p95_ms', percentile(small.session, 95), 'ms');
  figure('dashboard.cold_ms', percentile(large.cold, 50), 'ms');
  figure('dashboard.cold_1k_ms', percentile(small.cold, 50), 'ms');
}
