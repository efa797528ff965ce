import { expect, test } from '@playwright/test';
import { loginAs, pending, waitForSynced } from './support/workstation';

/** Support asks a clerk to open the diagnostics view: from the header, or from the keyboard. */
test('the diagnostics view shows the sync position, what waits, and whether storage is persistent', async ({ page, context }) => {
  await loginAs(page, 'operator');
  await waitForSynced(page);

  await page.keyboard.press('Control+Shift+D');
  const view = page.getByRole('region', { name: 'Диагностика рабочего места' });
  await expect(view).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Диагностика рабочего места' })).toBeFocused();
  await expect(view.getByText('Постоянное хранение данных')).toBeVisible();
  await expect(view.getByTestId('diagnostics-persisted')).toHaveText(/разрешено|неизвестно/);
  await expect(view.getByText('Занято места')).toBeVisible();
  await expect(view.getByText(/\d+(,\d)? (Б|КБ|МБ|ГБ) из доступных/)).toBeVisible();
  expect(Number(await view.getByTestId('diagnostics-cursor').textContent())).toBeGreaterThan(0);
  await expect(view.getByTestId('diagnostics-pending')).toHaveText('0');
  await expect(view.getByText(/^[0-9a-f-]{36}$/)).toBeVisible();

  // A change made offline shows as waiting while the view is open.
  await context.setOffline(true);
  await page.keyboard.press('Escape');
  await expect(view).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Диагностика' })).toBeFocused();
  const row = page.getByRole('listbox', { name: 'Очередь обращений' }).locator('[data-appeal-id]').first();
  await row.click();
  await page.getByLabel('Ответ гражданину').fill(`Проверка диагностики ${Date.now()}`);
  await page.getByRole('button', { name: 'Отправить ответ' }).click();
  await expect(pending(page, 1)).toBeVisible();
  await page.getByRole('button', { name: 'Диагностика' }).click();
  await expect(view.getByTestId('diagnostics-pending')).toHaveText('1');
  await context.setOffline(false);
  await expect(view.getByTestId('diagnostics-pending')).toHaveText('0', { timeout: 30_000 });
});
