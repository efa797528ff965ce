import { defineConfig } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromiumLaunchOptions } from './e2e/support/chromium';
import { electronProject } from './e2e/electron/project';

/**
 * End-to-end tests drive the real regional server (PGlite in a fresh data folder) over HTTP and
 * the real renderer in Debian's Chromium, in browser mode. The Electron project runs the same
 * checks in the desktop app where an Electron binary exists and reports a skip where none does.
 */
const port = Number(process.env.OTKLIK_E2E_PORT ?? 18787);
const baseURL = `http://127.0.0.1:${port}`;
// Evaluated in every worker too; only the main process starts the web server, so the
// extra folders made in workers stay empty.
const dataDir = process.env.OTKLIK_E2E_DATA_DIR ?? mkdtempSync(join(tmpdir(), 'otklik-e2e-'));
process.env.OTKLIK_E2E_DATA_DIR = dataDir;
process.env.OTKLIK_E2E_BASE_URL = baseURL;

export const E2E_INTEGRATION_TOKEN = 'e2e-integration-token';

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results/e2e',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['json', { outputFile: 'test-results/e2e.json' }]],
  use: {
    baseURL,
    locale: 'ru-RU',
    timezoneId: 'Europe/Moscow',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: chromiumLaunchOptions(),
  },
  webServer: {
    command: 'npx tsx server/main.ts',
    url: `${baseURL}/api/v1/health`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: 'pipe',
    env: {
      PORT: String(port),
      OTKLIK_DATA_DIR: dataDir,
      OTKLIK_INTEGRATION_TOKEN: E2E_INTEGRATION_TOKEN,
      OTKLIK_DEMO_APPEALS: '600',
      OTKLIK_LOGIN_RATE_LIMIT: '1000',
      // Replies in Гиагинский район wait for a supervisor's approval (e2e/supervisor*.spec.ts);
      // the clerk spine works in Майкоп and Тахтамукайский район, where replies publish at once.
      OTKLIK_APPROVAL: 'giaginsky:*',
      // The demo's Telegram bot and VK community on loopback emulators, and their «Демо» page.
      OTKLIK_DEMO_CHANNELS: '1',
    },
  },
  projects: [
    { name: 'chromium', testIgnore: /electron\// },
    electronProject,
  ],
});
