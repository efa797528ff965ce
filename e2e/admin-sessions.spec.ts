import { expect, test } from '@playwright/test';
import { login } from './support/api';
import { createUser, openConsole, setDisabled } from './support/admin';
import { expectAccessible } from './support/clerk-day';
import { loginAs, queue, waitForSynced } from './support/workstation';

/**
 * A user's signed-in devices on their card: the administrator sees the clerk's workstation, ends
 * it, and the clerk's workstation is asked to sign in again at its next request.
 */
test('an administrator sees a clerk’s signed-in device and ends it; the clerk is asked to sign in again', async ({ browser }) => {
  const admin = await login('admin');
  const person = await createUser(admin, { prefix: 'e2e.dev', role: 'clerk', municipalityId: 'maykop', displayName: 'Заур Тлехас', password: 'пароль-зт-1' });
  try {
    const clerkPage = await (await browser.newContext()).newPage();
    await loginAs(clerkPage, person.username, 'пароль-зт-1');
    await waitForSynced(clerkPage);

    const page = await (await browser.newContext()).newPage();
    await loginAs(page, 'admin');
    await waitForSynced(page);
    await openConsole(page, 'Пользователи');
    await page.getByRole('button', { name: 'Изменить: Заур Тлехас' }).click();
    const devices = page.getByRole('region', { name: /^Устройства, где выполнен вход/ });
    await expect(devices.getByRole('heading')).toHaveText('Устройства, где выполнен вход: 1');
    await expect(devices.getByRole('rowheader')).toHaveText('Браузер Chrome, Linux');
    await expect(devices.getByRole('cell', { name: '127.0.0.1' })).toBeVisible();
    await expectAccessible(page, 'a user’s signed-in devices');

    page.once('dialog', (d) => void d.accept());
    await devices.getByRole('button', { name: /^Завершить сеанс: Браузер Chrome, Linux/ }).click();
    await expect(devices.getByRole('status')).toHaveText('Сеанс завершён: Браузер Chrome, Linux.');
    await expect(devices.getByText('Сейчас не выполнен вход ни на одном устройстве.')).toBeVisible();

    // The clerk's workstation, at its next request (a refresh of the queue), is told to sign in again.
    await clerkPage.getByRole('button', { name: 'Обновить' }).click();
    await expect(clerkPage.getByText('Сеанс истёк. Войдите снова — неотправленные изменения и черновики сохранены.')).toBeVisible({ timeout: 30_000 });
    await expect(queue(clerkPage)).toHaveCount(0);
    await clerkPage.context().close();
    await page.context().close();
  } finally {
    await setDisabled(admin, person.id, true);
  }
});
