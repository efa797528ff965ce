import { expect, test } from '@playwright/test';
import { login, snapshot } from './support/api';
import { OPEN, expectAccessible, giveAppeals, openAppeal, openAppealId } from './support/clerk-day';
import { loginAs, pending, queue, waitForSynced } from './support/workstation';

/**
 * The clerk's main path, keyboard only: the first appeal of the queue, a reply from a template,
 * sent with Ctrl+Enter, then the next appeal.
 */
test('keyboard only: open the first appeal, reply with a template, send, go on to the next', async ({ page }) => {
  const username = 'koshekhablsky.clerk1';
  await giveAppeals(username, [
    { text: 'Во дворе дома не горит фонарь уже неделю', author: 'Руслан Тлехас' },
    { text: 'Просим убрать упавшее дерево с тротуара', author: 'Нафисет Шеуджен' },
  ]);
  await loginAs(page, username);
  await waitForSynced(page);
  const me = await login(username);
  const mine = [...(await snapshot(me)).appeals.values()].filter((a) => a.assigneeId === me.user.id && OPEN.includes(a.status));
  expect(mine.length, 'the clerk has open appeals').toBeGreaterThan(1);

  // «1» is the «Мои» view and puts the keyboard in the list; Enter opens the first appeal.
  await page.keyboard.press('1');
  await expect(queue(page)).toBeFocused();
  await page.keyboard.press('Enter');
  const heading = page.getByRole('heading', { level: 2, name: /^Обращение от/ });
  await expect(heading).toBeFocused();
  const first = (await openAppealId(page))!;
  const appeal = mine.find((a) => a.id === first)!;
  expect(appeal, 'the first row is one of the clerk’s open appeals').toBeTruthy();

  // «t» finds a template by typing; Enter puts it, filled in, into the reply and returns to the text.
  await page.keyboard.press('t');
  await expect(page.getByRole('combobox', { name: 'Шаблон ответа' })).toBeFocused();
  await page.keyboard.type('благодар');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  const reply = page.getByLabel('Ответ гражданину');
  await expect(reply).toBeFocused();
  await expect(reply).toHaveValue(new RegExp(`Здравствуйте, ${appeal.author.name}!`));
  await expect(reply).not.toHaveValue(/\{\{/);
  await page.keyboard.type(' Проверка клавиатуры.');
  const body = (await reply.inputValue()).trim();

  // Ctrl+Enter sends; the text field keeps the focus, empty for the next reply.
  await page.keyboard.press('Control+Enter');
  await expect(reply).toHaveValue('');
  await expect(reply).toBeFocused();
  await expect(pending(page, 0)).toBeVisible({ timeout: 15_000 });
  await expect
    .poll(async () => [...(await snapshot(me)).replies.values()].filter((r) => r.appealId === first && r.body === body).length)
    .toBe(1);

  // Alt+↓ opens the next appeal of the list.
  await page.keyboard.press('Alt+ArrowDown');
  await expect.poll(() => openAppealId(page)).not.toBe(first);
  await expect(openAppeal(page)).toBeVisible();
});

test('every shortcut is listed in the help overlay, which gives the focus back', async ({ page }) => {
  await loginAs(page, 'operator');
  await waitForSynced(page);
  await queue(page).focus();
  await page.keyboard.press('?');
  const help = page.getByRole('dialog', { name: 'Сочетания клавиш' });
  await expect(help).toBeVisible();
  for (const keys of ['Enter / o', 'Пробел / x', 'Ctrl+A', '1 – 8', '/', 'r', 's', 't', 'Ctrl+Enter', 'Alt+↓ / Alt+↑', '?']) {
    await expect(help.locator('kbd', { hasText: keys }).first()).toBeVisible();
  }
  await expectAccessible(page, 'the help overlay');
  await page.keyboard.press('Escape');
  await expect(help).toBeHidden();
  await expect(queue(page)).toBeFocused();
});

test('the queue, an appeal and the composer have no serious accessibility problems', async ({ page }) => {
  await loginAs(page, 'operator');
  await waitForSynced(page);
  await expectAccessible(page, 'the queue');
  await queue(page).focus();
  await page.keyboard.press('Enter');
  await expect(openAppeal(page)).toBeVisible();
  await expectAccessible(page, 'the appeal');
  await page.keyboard.press('t');
  await page.keyboard.type('а');
  await expect(page.getByRole('listbox', { name: 'Найденные шаблоны' })).toBeVisible();
  await expectAccessible(page, 'the composer with the template list open');
});
