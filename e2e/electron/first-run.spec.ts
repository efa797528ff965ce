import { _electron as electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findElectronBinary } from '../../scripts/electron-binary';
import { queue } from '../support/workstation';
import { startServerProcess, type RunningServer } from './server-process';

/**
 * An installed workstation started for the first time with no preset address: it asks for the
 * server once, checks it, then shows «О программе» with what the IT person needs. Where this
 * machine has no Electron binary the file reports a skip, saying why.
 */

const root = join(import.meta.dirname, '..', '..');
const mainBundle = join(root, 'dist/electron/main.cjs');
const binary = findElectronBinary();
const SKIP_REASON =
  'No Electron binary on this machine (set ELECTRON_OVERRIDE_DIST_PATH or install electron with network access): Electron first-run and update tests skipped';

test.describe('desktop workstation: first run and updates (Electron)', () => {
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
    if (!existsSync(mainBundle)) throw new Error(`${mainBundle} is missing: run \`npm run build\` before the Electron tests.`);
    server = await startServerProcess();
    userData = mkdtempSync(join(tmpdir(), 'otklik-electron-first-run-'));
    const env: Record<string, string> = { ...(process.env as Record<string, string>), OTKLIK_USER_DATA_DIR: userData };
    delete env.OTKLIK_SERVER_URL; // nothing preset: the first run asks
    app = await electron.launch({
      executablePath: binary.path,
      args: [mainBundle, ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []), '--disable-gpu'],
      env,
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

  test('the first start asks for the server address and saves it only once an Otklik server answers', async () => {
    await expect(page.getByRole('heading', { name: 'Первый запуск «Отклика»' })).toBeVisible({ timeout: 60_000 });
    const field = page.getByLabel('Адрес сервера (например, https://otklik.region.ru)');
    await field.fill(`${server!.url}/api/v1/auth`);
    await page.getByRole('button', { name: 'Проверить и сохранить' }).click();
    await expect(page.getByText('По этому адресу отвечает не сервер «Отклик». Проверьте адрес у администратора.')).toBeVisible();
    await field.fill(server!.url);
    await page.getByRole('button', { name: 'Проверить и сохранить' }).click();
    // Saving reloads the page (its CSP names the server); then the login screen.
    await expect(page.getByLabel('Логин')).toBeVisible({ timeout: 60_000 });
  });

  test('«О программе» names the installed app, its server and where updates stand', async () => {
    await page.getByLabel('Логин').fill('operator');
    await page.getByLabel('Пароль').fill('demo');
    await page.getByRole('button', { name: 'Войти' }).click();
    await expect(queue(page)).toBeVisible({ timeout: 60_000 });
    await page.getByRole('button', { name: 'О программе' }).click();
    const view = page.getByRole('region', { name: 'О программе' });
    await expect(view.getByText('установленная программа')).toBeVisible();
    await expect(view.getByTestId('about-server')).toHaveText(`${server!.url} (указан на этом рабочем месте)`);
    // Run from dist/ rather than installed, electron-updater has no app-update.yml: no update
    // is checked or offered (a packaged run checks <server>/api/v1/updates/).
    await expect(view.getByTestId('about-updates')).toHaveText(/^Не требуется/);
    await expect(page.getByRole('button', { name: 'Перезапустить и обновить' })).toHaveCount(0);
  });
});
