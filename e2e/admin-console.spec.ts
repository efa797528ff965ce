import { expect, test } from '@playwright/test';
import { BASE_URL, login, snapshot } from './support/api';
import { adminCall, createUser, openConsole, setDisabled } from './support/admin';
import { appealFor, expectAccessible } from './support/clerk-day';
import { loginAs, pending, queue, queueRow, waitForSynced } from './support/workstation';

/**
 * The administrator's console: only the admin sees it; users are created, changed and disabled
 * there, and a disabled person is refused at once while their unsent work stays on their PC.
 */

test('only an administrator has the console; it is reachable from the keyboard and passes axe', async ({ page, browser }) => {
  // Two sign-ins and two axe runs over the administrator's full replica.
  test.setTimeout(120_000);
  const curatorContext = await browser.newContext();
  const curator = await curatorContext.newPage();
  await loginAs(curator, 'curator');
  await expect(curator.getByRole('tablist', { name: 'Разделы куратора' })).toBeVisible();
  await expect(curator.getByRole('tab', { name: 'Администрирование' })).toHaveCount(0);
  await curatorContext.close();

  await loginAs(page, 'admin');
  await waitForSynced(page);
  // From the supervisor's tabs with the arrow keys: «Администрирование» is the last one.
  await page.getByRole('tab', { name: 'Очередь' }).focus();
  await page.keyboard.press('End');
  const consoleTab = page.getByRole('tab', { name: 'Администрирование' });
  await expect(consoleTab).toBeFocused();
  await expect(consoleTab).toHaveAttribute('aria-selected', 'true');
  // «Каналы» is the console's first screen: the channels connected, and the form to connect one.
  await expect(page.getByRole('heading', { level: 2, name: 'Каналы' })).toBeVisible();
  await expect(page.getByRole('form', { name: 'Подключить канал' })).toBeVisible();
  // Into the console's own menu, and down it to the users, the bodies, the routing rules and the audit log.
  await page.keyboard.press('Tab');
  const menu = page.getByRole('tablist', { name: 'Разделы администрирования' });
  await expect(menu.getByRole('tab', { name: 'Каналы' })).toBeFocused();
  await expectAccessible(page, 'the channels screen');
  await page.keyboard.press('ArrowDown');
  await expect(menu.getByRole('tab', { name: 'Пользователи' })).toBeFocused();
  await expect(page.getByRole('heading', { level: 2, name: 'Пользователи' })).toBeVisible();
  await expectAccessible(page, 'the users screen');
  await page.keyboard.press('ArrowDown');
  await expect(menu.getByRole('tab', { name: 'Органы' })).toBeFocused();
  await expect(page.getByRole('heading', { level: 2, name: 'Органы' })).toBeVisible();
  await expect(page.getByRole('rowheader', { name: 'Майкоп', exact: true })).toBeVisible();
  await expectAccessible(page, 'the bodies screen');
  await page.keyboard.press('ArrowDown');
  await expect(menu.getByRole('tab', { name: 'Маршрутизация' })).toBeFocused();
  await expect(page.getByRole('heading', { level: 2, name: 'Маршрутизация' })).toBeVisible();
  await page.keyboard.press('ArrowDown');
  await expect(menu.getByRole('tab', { name: 'Согласование ответов' })).toBeFocused();
  await expect(page.getByRole('heading', { level: 2, name: 'Согласование ответов' })).toBeVisible();
  await page.keyboard.press('ArrowDown');
  await expect(menu.getByRole('tab', { name: 'Сроки ответа' })).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(menu.getByRole('tab', { name: 'Календарь' })).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(menu.getByRole('tab', { name: 'Шаблоны ответов' })).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(menu.getByRole('tab', { name: 'Токены интеграций' })).toBeFocused();
  await expect(page.getByRole('heading', { level: 2, name: 'Токены интеграций' })).toBeVisible();
  await expect(page.getByRole('row', { name: /demo/ })).toBeVisible();
  await expectAccessible(page, 'the integration tokens screen');
  await page.keyboard.press('ArrowDown');
  await expect(menu.getByRole('tab', { name: 'Журнал действий' })).toBeFocused();
  await expect(page.getByRole('heading', { level: 2, name: 'Журнал действий' })).toBeVisible();
  await expect(page.getByRole('cell', { name: 'Вход', exact: true }).first()).toBeVisible();
  await expectAccessible(page, 'the audit log');
});

test('an administrator creates a clerk who then signs in and works', async ({ page, browser }) => {
  await loginAs(page, 'admin');
  await openConsole(page, 'Пользователи');
  const username = `e2e.new.${Date.now().toString(36)}`;
  const form = page.getByRole('form', { name: 'Новый сотрудник' });
  await form.getByLabel('Логин').fill(username);
  await form.getByLabel('ФИО').fill('Асият Тлехурай');
  await form.getByLabel('Начальный пароль').fill('короткий');
  await form.getByLabel('Роль', { exact: true }).selectOption({ label: 'исполнитель' });
  // A clerk without a municipality is refused on the spot, in Russian, and nothing typed is lost.
  await form.getByRole('button', { name: 'Создать' }).click();
  await expect(form.getByRole('alert')).toHaveText('Исполнителю нужно указать орган.');
  await expect(form.getByLabel('Логин')).toHaveValue(username);
  await form.getByLabel('Орган').selectOption({ label: 'Майкоп' });
  await form.getByRole('button', { name: 'Создать' }).click();
  await expect(form.getByRole('status')).toHaveText(`Создан сотрудник Асият Тлехурай (логин ${username}).`);
  await expect(page.getByRole('row', { name: new RegExp(username) })).toContainText('исполнитель');

  // The same username again: refused as taken.
  await form.getByLabel('Логин').fill(username.toUpperCase());
  await form.getByLabel('ФИО').fill('Двойник');
  await form.getByLabel('Начальный пароль').fill('другой-пароль');
  await form.getByRole('button', { name: 'Создать' }).click();
  await expect(form.getByRole('alert')).toHaveText('Такой логин уже занят. Выберите другой.');

  const context = await browser.newContext();
  const clerk = await context.newPage();
  await loginAs(clerk, username, 'короткий');
  await waitForSynced(clerk);
  await expect(clerk.getByRole('tablist', { name: 'Разделы куратора' })).toHaveCount(0);
  await context.close();

  // Disabled afterwards, so that intake in Майкоп does not route later tests' appeals to them.
  const admin = await login('admin');
  const users = await adminCall<{ users: { id: string; username: string }[] }>(admin, 'GET', '/users');
  await setDisabled(admin, users.users.find((u) => u.username === username)!.id, true);
});

test('a disabled clerk is refused at the next request; the workstation says so and keeps the unsent reply', async ({ page, context }) => {
  const admin = await login('admin');
  const person = await createUser(admin, { prefix: 'e2e.off', role: 'clerk', municipalityId: 'maykop', displayName: 'Руслан Кушу', password: 'пароль-рк-1' });
  try {
    const appealId = await appealFor(person, { text: 'Во дворе дома по улице Пионерской не работает освещение.', author: 'Фатима Ачмиз' });

    await loginAs(page, person.username, 'пароль-рк-1');
    await waitForSynced(page);
    await expect(queueRow(page, appealId)).toBeVisible();

    // Written offline: the reply waits in the outbox.
    await context.setOffline(true);
    await queueRow(page, appealId).click();
    const body = `Электрик заменит лампы до пятницы. ${Date.now()}`;
    await page.getByLabel('Ответ гражданину').fill(body);
    await page.getByRole('button', { name: 'Отправить ответ' }).click();
    await expect(pending(page, 1)).toBeVisible();

    await setDisabled(admin, person.id, true);
    await context.setOffline(false);
    await expect(page.getByRole('alert').filter({ hasText: 'Ваша учётная запись отключена администратором' })).toBeVisible({ timeout: 30_000 });
    await expect(queue(page)).toHaveCount(0);
    expect([...(await snapshot(await login('curator'))).replies.values()].filter((r) => r.body === body)).toHaveLength(0);

    // Enabled again, the person signs in on the same screen and the kept reply goes out.
    await setDisabled(admin, person.id, false);
    await page.getByLabel('Пароль').fill('пароль-рк-1');
    await page.getByRole('button', { name: 'Войти' }).click();
    await expect(queue(page)).toBeVisible({ timeout: 30_000 });
    await expect(pending(page, 0)).toBeVisible({ timeout: 30_000 });
    await expect
      .poll(async () => [...(await snapshot(await login('curator'))).replies.values()].filter((r) => r.body === body).length)
      .toBe(1);
  } finally {
    await setDisabled(admin, person.id, true);
  }
});

test('an administrator makes an integration token for a portal, which files appeals until it is revoked', async ({ page }) => {
  await loginAs(page, 'admin');
  await openConsole(page, 'Токены интеграций');
  const name = `Портал обращений ${Date.now().toString(36)}`;
  await page.getByLabel('Название').fill(name);
  await page.getByRole('button', { name: 'Создать токен' }).click();
  const fresh = page.getByRole('region', { name: `Токен «${name}» создан` });
  const token = await fresh.getByLabel('Токен').inputValue();
  expect(token).toMatch(/^otk_/);

  const file = () =>
    fetch(`${BASE_URL}/api/v1/intake/appeals`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ source: 'phone', externalRef: `portal-${Math.random()}`, author: { name: 'Житель' }, text: 'Не работает фонарь у школы', municipalityId: 'maykop' }),
    });
  expect((await file()).status).toBe(201);

  // Shown once: after «Скрыть» and a reload of the screen the list names it, without the token.
  await fresh.getByRole('button', { name: 'Скрыть' }).click();
  await openConsole(page, 'Пользователи');
  await openConsole(page, 'Токены интеграций');
  const row = page.getByRole('row', { name: new RegExp(name) });
  await expect(row).toContainText('действует');
  await expect(page.getByText(token)).toHaveCount(0);

  page.once('dialog', (d) => void d.accept());
  await row.getByRole('button', { name: `Отозвать токен «${name}»` }).click();
  await expect(page.getByText(`Токен «${name}» отозван.`)).toBeVisible();
  await expect(page.getByRole('row', { name: new RegExp(name) })).toContainText('отозван');
  expect((await file()).status).toBe(401);
});
