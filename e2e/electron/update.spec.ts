import { _electron as electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { queue } from '../support/workstation';
import { startServerProcess, type RunningServer } from './server-process';

/**
 * An installed workstation updating itself from the regional server. It needs what only a machine
 * that can package the app has: an installed (packaged) Otklik to start, and a newer release as
 * electron-builder writes it (latest-linux.yml or latest.yml beside its installer), which the
 * server serves from its updates folder as an operator would drop it in:
 *
 *   OTKLIK_E2E_PACKAGED_APP=/opt/Otklik/otklik           the installed app's executable
 *   OTKLIK_E2E_UPDATE_RELEASE=/path/to/newer/release     `release/` of a build with a higher version
 *
 * (On Linux electron-updater updates an AppImage, so the installed app is an AppImage there, with
 * APPIMAGE set to its path.) Without both the file reports a skip, saying what is missing.
 */

const packagedApp = process.env.OTKLIK_E2E_PACKAGED_APP ?? '';
const release = process.env.OTKLIK_E2E_UPDATE_RELEASE ?? '';
const missing = [
  !packagedApp || !existsSync(packagedApp) ? 'no installed app (OTKLIK_E2E_PACKAGED_APP)' : null,
  !release || !existsSync(release) || !readdirSync(release).some((f) => /^latest(-linux)?\.yml$/.test(f)) ? 'no newer release with latest*.yml (OTKLIK_E2E_UPDATE_RELEASE)' : null,
].filter((m): m is string => m !== null);
const SKIP_REASON = `Update from the regional server needs a packaged app and a newer release: ${missing.join('; ')}. Electron update test skipped`;

test.describe('desktop workstation: an update from the regional server (packaged Electron)', () => {
  test.describe.configure({ mode: 'serial', timeout: 300_000 });

  let server: RunningServer | undefined;
  let app: ElectronApplication | undefined;
  let page: Page;
  let userData: string | undefined;

  test.beforeAll(async () => {
    if (missing.length > 0) {
      console.log(SKIP_REASON);
      return;
    }
    server = await startServerProcess({ OTKLIK_UPDATES_DIR: release });
    userData = mkdtempSync(join(tmpdir(), 'otklik-electron-update-'));
    app = await electron.launch({
      executablePath: packagedApp,
      args: [...(process.getuid?.() === 0 ? ['--no-sandbox'] : []), '--disable-gpu'],
      env: {
        ...(process.env as Record<string, string>),
        OTKLIK_SERVER_URL: server.url,
        OTKLIK_USER_DATA_DIR: userData,
        ...(packagedApp.endsWith('.AppImage') ? { APPIMAGE: packagedApp } : {}),
      },
    });
    page = await app.firstWindow();
  });

  test.afterAll(async () => {
    await app?.close();
    await server?.stop();
    if (userData) rmSync(userData, { recursive: true, force: true });
  });

  test.beforeEach(() => {
    test.skip(missing.length > 0, SKIP_REASON);
  });

  test('the app finds the newer release on its server, downloads it and offers to restart, keeping unsent changes', async () => {
    await page.getByLabel('Логин').fill('operator');
    await page.getByLabel('Пароль').fill('demo');
    await page.getByRole('button', { name: 'Войти' }).click();
    await expect(queue(page)).toBeVisible({ timeout: 60_000 });

    // electron-updater checks at start and downloads in the background; the offer comes when it is done.
    const notice = page.getByRole('region', { name: /Загружена новая версия программы/ });
    await expect(notice).toBeVisible({ timeout: 240_000 });
    await expect(notice.getByRole('button', { name: 'Перезапустить и обновить' })).toBeVisible();

    // An unsent change (offline, a comment waits in the outbox): the offer now says it is kept.
    await app!.evaluate(({ session }) => session.defaultSession.enableNetworkEmulation({ offline: true }));
    await queue(page).getByRole('option').first().click();
    await page.getByLabel('Внутренний комментарий').fill('Проверить после обновления');
    await page.getByRole('button', { name: 'Добавить комментарий' }).click();
    await expect(notice.getByText(/Не отправлено изменений: 1\. Они сохранятся/)).toBeVisible();
    await page.getByRole('button', { name: 'О программе' }).click();
    await expect(page.getByTestId('about-updates')).toHaveText(/^Загружена версия .+, установится после перезапуска/);
  });
});
