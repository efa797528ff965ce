import { expect, test } from '@playwright/test';
import { login } from './support/api';
import { adminCall, createUser, openConsole, setDisabled } from './support/admin';
import { expectAccessible } from './support/clerk-day';
import { loginAs, waitForSynced } from './support/workstation';

/**
 * «Органы»: an administrator adds a body to the region's tree, renames it, moves it, sees its
 * staff and disables it, from the keyboard, and each change is in the audit log.
 */
test('an administrator creates, renames, moves and disables a body and opens its staff member’s card', async ({ page }) => {
  test.setTimeout(120_000);
  const suffix = Date.now().toString(36);
  const name = `Управление по делам архивов ${suffix}`;
  await loginAs(page, 'admin');
  await waitForSynced(page);
  await openConsole(page, 'Органы');

  const form = page.getByRole('form', { name: 'Новый орган' });
  await form.getByLabel('Вид').selectOption({ label: 'ведомство' });
  await form.getByLabel('Вышестоящий орган').selectOption({ label: 'Министерство культуры Республики Адыгея' });
  // A settlement may only hang under a municipality: the ministry is not even offered for it.
  await form.getByLabel('Вид').selectOption({ label: 'администрация поселения' });
  await expect(form.getByLabel('Вышестоящий орган').locator('option', { hasText: 'Министерство культуры' })).toHaveCount(0);
  await form.getByLabel('Вид').selectOption({ label: 'ведомство' });
  await form.getByLabel('Вышестоящий орган').selectOption({ label: 'Министерство культуры Республики Адыгея' });
  await form.getByLabel('Название').fill(name);
  await form.getByLabel('Название').press('Enter');
  await expect(form.getByRole('status')).toHaveText(`Создан орган «${name}».`);
  const row = page.getByRole('row', { name: new RegExp(name) });
  await expect(row).toContainText('ведомство');
  await expect(row).toContainText('Министерство культуры Республики Адыгея');

  // A clerk of the new body, made through the API; the card lists them.
  const admin = await login('admin');
  const { bodies } = await adminCall<{ bodies: Array<{ id: string; name: string }> }>(admin, 'GET', '/bodies');
  const bodyId = bodies.find((b) => b.name === name)!.id;
  const clerk = await createUser(admin, { prefix: 'e2e.arch', role: 'clerk', municipalityId: bodyId, displayName: 'Бэла Шеуджен', password: 'архив-пароль-1' });
  try {
    await page.getByRole('button', { name: `Открыть: ${name}` }).click();
    const card = page.getByRole('region', { name });
    await expect(card.getByRole('heading', { level: 3, name })).toBeFocused();
    await expect(card.getByRole('heading', { name: 'Сотрудники: 1' })).toBeVisible();
    await expectAccessible(page, 'a body’s card');

    const renamed = `${name}, архивный отдел`;
    await card.getByLabel('Название').fill(renamed);
    await card.getByRole('button', { name: 'Переименовать' }).click();
    await expect(card.getByRole('status')).toHaveText(`Орган переименован: «${renamed}».`);
    const card2 = page.getByRole('region', { name: renamed });
    // Moving it under itself is not offered; under the ЦУР it is.
    await expect(card2.getByLabel('Вышестоящий орган').locator('option', { hasText: renamed })).toHaveCount(0);
    await card2.getByLabel('Вышестоящий орган').selectOption({ label: 'ЦУР Республики Адыгея' });
    await card2.getByRole('button', { name: 'Перенести' }).click();
    await expect(card2.getByRole('status')).toHaveText(`«${renamed}» теперь подчиняется органу «ЦУР Республики Адыгея».`);
    await expect(page.getByRole('row', { name: new RegExp(renamed) })).toContainText('ЦУР Республики Адыгея');
    await card2.getByRole('button', { name: 'Отключить' }).click();
    await expect(card2.getByRole('status')).toContainText('отключён');
    await expect(page.getByRole('row', { name: new RegExp(renamed) })).toContainText('Отключён');

    // The staff member's name opens their card on «Пользователи».
    await card2.getByRole('button', { name: 'Бэла Шеуджен' }).click();
    await expect(page.getByRole('tab', { name: 'Пользователи' })).toHaveAttribute('aria-selected', 'true');
    await expect(page.getByRole('heading', { level: 3, name: `Бэла Шеуджен (${clerk.username})` })).toBeFocused();

    // Each change is in the log with what the body was before and after.
    const { entries } = await adminCall<{ entries: Array<{ subject: string; data: { action: string; before: unknown; after: unknown } }> }>(admin, 'GET', '/audit?kind=admin.change');
    const mine = entries.filter((e) => e.data.action.startsWith('body.') && (e.subject === name || e.subject === renamed)).map((e) => e.data.action);
    expect(mine.sort()).toEqual(['body.create', 'body.disable', 'body.move', 'body.rename']);
  } finally {
    await setDisabled(admin, clerk.id, true);
  }
});
