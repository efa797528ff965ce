import { expect, type Page } from '@playwright/test';

/** Logs in through the login screen, as a clerk would, and waits for the queue. */
export async function loginAs(page: Page, username: string, password = 'demo'): Promise<void> {
  await page.goto('/');
  await page.getByLabel('Логин').fill(username);
  await page.getByLabel('Пароль').fill(password);
  await page.getByRole('button', { name: 'Войти' }).click();
  await expect(queue(page)).toBeVisible({ timeout: 30_000 });
}

export function queue(page: Page) {
  return page.getByRole('listbox', { name: 'Очередь обращений' });
}

export function queueRow(page: Page, appealId: string) {
  return queue(page).locator(`[data-appeal-id="${appealId}"]`);
}

/** The pending-changes counter in the status bar: «Не отправлено: N». */
export function pending(page: Page, count: number) {
  return page.getByText(`Не отправлено: ${count}`);
}

/** Browser mode caches the app shell in a service worker; a reload offline needs it active. */
export async function waitForOfflineShell(page: Page): Promise<void> {
  const ready = await page.evaluate(() =>
    Promise.race([
      navigator.serviceWorker.ready.then(() => true),
      new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 30_000)),
    ]),
  );
  expect(ready, 'the service worker that keeps the app shell offline is active within 30 s').toBe(true);
}

/** Waits until the workstation has pulled at least once (the status bar says it is online). */
export async function waitForSynced(page: Page): Promise<void> {
  await expect(page.getByRole('status').filter({ hasText: 'В сети' })).toBeVisible({ timeout: 30_000 });
}

/** The number the queue shows in its heading: «Мои обращения (N)». */
export async function queueCount(page: Page): Promise<number> {
  const text = await page.getByTestId('queue-count').textContent();
  return Number((text ?? '').replace(/\D/g, ''));
}

/**
 * An export of citizens' data as its user makes it: the button, then the reason the dialog asks
 * for (it goes into the audit log), then «Выгрузить»; resolves with the file the browser received.
 */
export async function exportWithReason(page: Page, button: ReturnType<Page['getByRole']>, reason: string) {
  await button.click();
  const dialog = page.getByRole('dialog', { name: /^Выгрузка: / });
  await dialog.getByLabel('Причина выгрузки').fill(reason);
  const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: 'Выгрузить' }).click()]);
  await expect(dialog).toHaveCount(0);
  return download;
}
