import { _electron as electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findElectronBinary } from '../../scripts/electron-binary';
import { queue } from '../support/workstation';
import { startServerProcess, type RunningServer } from './server-process';

/**
 * The desktop workstation as a clerk gets it: the Electron app against a real regional server.
 * Where this machine has no Electron binary the whole file reports a skip, saying why.
 */

const root = join(import.meta.dirname, '..', '..');
const mainBundle = join(root, 'dist/electron/main.cjs');
const binary = findElectronBinary();
const SKIP_REASON =
  'No Electron binary on this machine (set ELECTRON_OVERRIDE_DIST_PATH or install electron with network access): Electron end-to-end tests skipped';

test.describe('desktop workstation (Electron)', () => {
  // Starting a server with its demo data and Electron can take a while on two shared cores.
  test.describe.configure({ mode: 'serial', timeout: 180_000 });

  let server: RunningServer | undefined;
  let app: ElectronApplication | undefined;
  let page: Page;
  let userData: string | undefined;

  test.beforeAll(async () => {
    if ('missing' in binary) {
      console.log(`${SKIP_REASON} — ${binary.missing}`);
      return;
    }
    for (const built of [mainBundle, join(root, 'dist/renderer/index.html')]) {
      if (!existsSync(built)) throw new Error(`${built} is missing: run \`npm run build\` before the Electron tests.`);
    }
    server = await startServerProcess();
    userData = mkdtempSync(join(tmpdir(), 'otklik-electron-profile-'));
    app = await electron.launch({
      executablePath: binary.path,
      // As root (containers, CI) Chromium refuses to start without --no-sandbox; the page keeps
      // Electron's renderer sandbox (sandbox: true) regardless.
      args: [mainBundle, ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []), '--disable-gpu'],
      env: { ...process.env, OTKLIK_SERVER_URL: server.url, OTKLIK_USER_DATA_DIR: userData },
    });
    page = await app.firstWindow();
  });

  test.afterAll(async () => {
    await app?.close();
    await server?.stop();
    if (userData) rmSync(userData, { recursive: true, force: true });
  });

  test.beforeEach(() => {
    test.skip('missing' in binary, SKIP_REASON);
  });

  test('the page gets the Electron bridge and no Node', async () => {
    await expect(page).toHaveURL(/^app:\/\/otklik\//);
    expect(await page.evaluate(() => (window as unknown as { otklik?: { kind: string } }).otklik?.kind)).toBe('electron');
    expect(await page.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
    expect(await page.evaluate(() => typeof (globalThis as { process?: unknown }).process)).toBe('undefined');
    // New windows are denied: window.open gives the page nothing to script.
    expect(await page.evaluate(() => window.open('https://evil.example/') === null)).toBe(true);
    expect(await page.evaluate(async () => (await (window as unknown as { otklik: { getConfig(): Promise<{ serverUrl: string }> } }).otklik.getConfig()).serverUrl)).toBe(server?.url);
  });

  test('a clerk logs in and sees the queue', async () => {
    await page.getByLabel('Логин').fill('operator');
    await page.getByLabel('Пароль').fill('demo');
    await page.getByRole('button', { name: 'Войти' }).click();
    await expect(queue(page)).toBeVisible({ timeout: 60_000 });
  });

  test('navigation away from the app is blocked', async () => {
    const before = page.url();
    await page.evaluate(() => {
      window.location.href = 'https://evil.example/';
    });
    await page.waitForTimeout(500);
    expect(page.url()).toBe(before);
  });
});
