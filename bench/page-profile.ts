/**
 * With OTKLIK_BENCH_PROFILE=DIR, records a CPU profile of the page's main thread over a measured
 * stretch (read it with bench/profile-summary.ts); without it, does nothing.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';

export async function startPageProfile(page: Page): Promise<{ stop(name: string): Promise<void> } | null> {
  const dir = process.env.OTKLIK_BENCH_PROFILE;
  if (!dir) return null;
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.start');
  return {
    async stop(name) {
      const { profile } = await cdp.send('Profiler.stop');
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, `${name}-${Date.now()}.cpuprofile`), JSON.stringify(profile));
      await cdp.detach();
    },
  };
}
