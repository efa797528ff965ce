/** Headless Debian Chromium for benchmarks, with a fresh profile each time. */
import { chromium, type Browser } from '@playwright/test';
import { chromiumLaunchOptions } from '../e2e/support/chromium';

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({ ...chromiumLaunchOptions(), headless: true });
}
