import { expect, test } from '@playwright/test';
import { giveAppeals, openAppeal, openAppealId, shownIds } from './support/clerk-day';
import { loginAs, queue, waitForSynced } from './support/workstation';

/** A reply longer than a Telegram message is offered as numbered parts, each a reply of its own. */
test('a reply too long for Telegram goes as numbered parts, each a reply of its own', async ({ page }) => {
  const username = 'koshekhablsky.clerk1';
  const [id] = await giveAppeals(username, [{ text: 'Не вывозят мусор уже неделю', author: 'Аслан Бжедугов', source: 'telegram' }]);
  await loginAs(page, username);
  await waitForSynced(page);
  await page.keyboard.press('1');
  await expect(queue(page)).toHaveAttribute('aria-busy', 'false');
  await expect.poll(() => shownIds(page)).toContain(id);
  await page.locator(`[data-appeal-id="${id}"]`).click();
  await expect.poll(() => openAppealId(page)).toBe(id);

  const sentence = (n: number) => `Пункт ${n}: контейнерную площадку обслужат по графику, вывоз проверит управление ЖКХ.`;
  const text = Array.from({ length: 70 }, (_, i) => sentence(i + 1)).join(' ');
  expect(text.length).toBeGreaterThan(4096);
  await page.getByLabel('Ответ гражданину').fill(text);
  await expect(page.getByRole('button', { name: 'Отправить ответ' })).toBeDisabled();
  const offer = page.getByRole('group', { name: /принимает до 4096 символов/ });
  await expect(offer).toBeVisible();
  await offer.getByRole('button', { name: 'Отправить 2 частями' }).click();

  const replies = openAppeal(page).getByRole('region', { name: 'Ответы' });
  await expect(replies.locator('[data-reply-id]')).toHaveCount(2);
  await expect(replies.locator('[data-reply-id]').nth(0)).toContainText('(1/2) Пункт 1:');
  await expect(replies.locator('[data-reply-id]').nth(1)).toContainText('(2/2) Пункт');
  await expect(page.getByLabel('Ответ гражданину')).toHaveValue('');
});
