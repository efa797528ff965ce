import { expect, test } from '@playwright/test';
import { login } from './support/api';
import { adminCall, openConsole } from './support/admin';
import { expectAccessible, giveAppeals } from './support/clerk-day';
import { loginAs, queueRow, waitForSynced } from './support/workstation';

/**
 * «Шаблоны ответов»: the administrator makes a region-wide shared template; a clerk finds it in
 * the composer's picker marked «общий»; its creation is in the audit log.
 */
test('an administrator’s shared template reaches a clerk’s composer', async ({ page, browser }) => {
  const title = `Вывоз мусора ${Date.now().toString(36)}`;
  await loginAs(page, 'admin');
  await waitForSynced(page);
  await openConsole(page, 'Шаблоны ответов');
  await expectAccessible(page, 'the shared templates');
  await page.getByRole('button', { name: 'Создать шаблон' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Укажите название шаблона.' })).toBeVisible();
  await page.getByLabel('Название').fill(title);
  await page.getByLabel('Текст').fill('{{citizenName}}, вывоз мусора по адресу {{address}} восстановлен.');
  await page.getByRole('button', { name: 'Создать шаблон' }).click();
  await expect(page.getByRole('status').filter({ hasText: `Шаблон «${title}» создан` })).toBeVisible();
  await expect(page.getByRole('row', { name: new RegExp(title) })).toContainText('Вся республика');

  const [appealId] = await giveAppeals('maykopsky.clerk1', [{ text: 'Не вывозят мусор третью неделю', author: 'Анзор Беретарь', address: 'пос. Тульский, ул. Школьная, 3' }]);
  const clerk = await (await browser.newContext()).newPage();
  await loginAs(clerk, 'maykopsky.clerk1');
  await waitForSynced(clerk);
  await queueRow(clerk, appealId!).click();
  await clerk.getByRole('combobox', { name: 'Шаблон ответа' }).fill(title.slice(0, 12));
  const option = clerk.getByRole('option', { name: new RegExp(title) });
  await expect(option).toContainText('общий', { timeout: 15_000 });
  await option.click();
  await expect(clerk.getByLabel('Ответ гражданину')).toHaveValue('Анзор Беретарь, вывоз мусора по адресу пос. Тульский, ул. Школьная, 3 восстановлен.');
  await clerk.context().close();

  const admin = await login('admin');
  await expect
    .poll(async () => (await adminCall<{ entries: Array<{ subject: string; data: { action: string } }> }>(admin, 'GET', '/audit?kind=admin.change')).entries.some((e) => e.data.action === 'template.save' && e.subject === title))
    .toBe(true);
});
