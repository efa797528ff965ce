import { defineConfig } from '@playwright/test';

/**
 * Runs only the Electron end-to-end tests:
 *   npx playwright test -c e2e/electron/playwright-electron.config.ts
 * Needs `npm run build` first (dist/renderer and dist/electron).
 */
export default defineConfig({
  testDir: '.',
  testMatch: /.*\.spec\.ts/,
  outputDir: '../../test-results/electron',
  workers: 1,
  retries: 0,
  timeout: 180_000,
  expect: { timeout: 15_000 },
  reporter: [['list']],
  use: { trace: 'retain-on-failure', screenshot: 'only-on-failure' },
});
