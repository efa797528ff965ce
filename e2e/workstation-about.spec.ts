import { expect, test } from '@playwright/test';
import { expectAccessible } from './support/clerk-day';
import { loginAs, waitForSynced } from './support/workstation';

/** The IT person (or support on the phone) asks: which version, which server, how big, when synced. */
test('«О программе» shows the version, the server, the replica’s size and the last sync', async ({ page, baseURL }) => {
  await loginAs(page, 'operator');
  await waitForSynced(page);

  await page.getByRole('button', { name: 'О программе' }).click();
  const view = page.getByRole('region', { name: 'О программе' });
  await expect(view).toBeVisible();
  await expect(page.getByRole('heading', { name: 'О программе' })).toBeFocused();
  await expect(view.getByTestId('about-version')).toHaveText(/^\d+\.\d+\.\d+/);
  await expect(view.getByText('веб-версия в браузере')).toBeVisible();
  await expect(view.getByTestId('about-server')).toHaveText(`${baseURL} (сервер, с которого открыта страница)`);
  await expect(view.getByTestId('about-replica')).toHaveText(/^\d+(,\d)? (Б|КБ|МБ|ГБ), обращений: [1-9]\d*$/);
  await expect(view.getByTestId('about-last-sync')).toHaveText(/^\d{1,2} [а-я]+ \d{4}, \d{2}:\d{2}$/);
  // A page served by the regional server is always current: nothing to update here.
  await expect(view.getByTestId('about-updates')).toHaveText(/^Не требуется/);
  await expect(page.getByRole('button', { name: 'Перезапустить и обновить' })).toHaveCount(0);
  await expectAccessible(page, '«О программе»');

  await page.keyboard.press('Escape');
  await expect(view).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'О программе' })).toBeFocused();
});

/** A wrong address is caught when it is entered, not at the first login attempt. */
test('the login screen saves a server address only after an Otklik server answered there', async ({ page, baseURL }) => {
  await page.goto('/');
  await page.getByText('Адрес сервера', { exact: true }).click();
  const field = page.getByLabel('Адрес сервера (например, https://otklik.region.ru)');
  const save = page.getByRole('button', { name: 'Сохранить адрес' });

  // Some other web server (here: a path of ours that is not the server's root).
  await field.fill(`${baseURL}/api/v1/auth`);
  await save.click();
  await expect(page.getByText('По этому адресу отвечает не сервер «Отклик». Проверьте адрес у администратора.')).toBeVisible();
  await expect(field).toHaveValue(`${baseURL}/api/v1/auth`);
  await expect(field).toHaveAttribute('aria-invalid', 'true');

  await field.fill('http://127.0.0.1:9');
  await save.click();
  await expect(page.getByText('По этому адресу никто не отвечает. Проверьте адрес и подключение к сети.')).toBeVisible();

  await field.fill(`${baseURL}/`);
  await save.click();
  await expect(page.getByText(new RegExp(`^Адрес сервера сохранён: ${baseURL} \\(сервер «Отклик», версия \\d+\\.\\d+\\.\\d+`))).toBeVisible();
  await expectAccessible(page, 'the login screen with the server address');

  // The login still goes to that server.
  await page.getByLabel('Логин').fill('operator');
  await page.getByLabel('Пароль').fill('demo');
  await page.getByRole('button', { name: 'Войти' }).click();
  await expect(page.getByRole('listbox', { name: 'Очередь обращений' })).toBeVisible({ timeout: 30_000 });
});
