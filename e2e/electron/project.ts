import type { Project } from '@playwright/test';

/**
 * The Electron end-to-end project, to merge into the root playwright.config.ts `projects`.
 * Its tests start their own server and Electron app (no `baseURL`, no browser), and report a
 * skip where no Electron binary can be found.
 */
export const electronProject: Project = {
  name: 'electron',
  testDir: 'e2e/electron',
  testMatch: /.*\.spec\.ts/,
  timeout: 180_000,
};
