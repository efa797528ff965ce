import { expect, test, type Browser } from '@playwright/test';
import { login, snapshot } from './support/api';
import { expectAccessible, openAppeal, openAppealId } from './support/clerk-day';
import { loginAs, queue, queueCount, queueRow, waitForSynced } from './support/workstation';

/**
 * A citizen writes on a platform, the answer goes back the same way: through the demo page of
 * `npm start` («Демо: написать как житель»), whose emulators post the platforms' own webhook
 * payloads to the server and keep what the server sends back. The demo's Telegram bot belongs to
 * the health ministry and its VK community to the construction and housing ministry: each has one
 * clerk in the demo region, whose queue the appeal must reach.
 */
async function roundTrip(
  browser: Browser,
  opts: { panel: string; inputLabel: string; clerk: string; author: string; authorShown: string; text: string; answer: string; source: string },
): Promise<void> {
  const clerkPage = await (await browser.newContext()).newPage();
  await loginAs(clerkPage, opts.clerk);
  await waitForSynced(clerkPage);
  const before = await queueCount(clerkPage);

  const citizen = await (await browser.newContext()).newPage();
  await citizen.goto('/demo');
  const panel = citizen.getByRole('region', { name: opts.panel });
  await expect(panel.getByLabel(opts.inputLabel)).toBeVisible();
  await expectAccessible(citizen, 'the demo page');
  await panel.getByLabel('Имя жителя').fill(opts.author);
  await panel.getByLabel(opts.inputLabel).fill(opts.text);
  await panel.getByRole('button', { name: 'Отправить' }).click();
  await expect(panel.getByRole('status')).toHaveText(/Отправлено/);

  // In the clerk's queue within 2 s of the citizen's message (the live count says it arrived).
  await expect.poll(() => queueCount(clerkPage), { timeout: 2_000, intervals: [100] }).toBe(before + 1);
  const curator = await login('curator');
  const appeal = [...(await snapshot(curator)).appeals.values()].find((a) => a.text === opts.text);
  expect(appeal, 'the appeal is on the server').toBeDefined();
  expect(appeal).toMatchObject({ source: opts.source });

  await queue(clerkPage).focus();
  await clerkPage.keyboard.press('End');
  await queueRow(clerkPage, appeal!.id).click();
  await expect.poll(() => openAppealId(clerkPage)).toBe(appeal!.id);
  await expect(openAppeal(clerkPage).getByText(opts.authorShown).first()).toBeVisible();
  await clerkPage.getByLabel('Ответ гражданину').fill(opts.answer);
  await clerkPage.getByRole('button', { name: 'Отправить ответ' }).click();

  // The platform shows the answer where the citizen wrote; the clerk sees «доставлено».
  await expect(panel.getByRole('list').getByText(opts.answer)).toBeVisible({ timeout: 15_000 });
  // The reply's own delivery (the rating question that follows it has one of its own).
  const delivery = openAppeal(clerkPage).locator('[data-reply-id] .delivery[data-state]');
  await expect(delivery.getByRole('status')).toHaveText('доставлено', { timeout: 15_000 });

  await citizen.context().close();
  await clerkPage.context().close();
}

test('a Telegram message reaches the ministry clerk’s queue within 2 s, and the answer comes back to the chat as «доставлено»', async ({ browser }) => {
  const stamp = Date.now().toString(36);
  await roundTrip(browser, {
    panel: 'Telegram: бот Минздрава Адыгеи',
    inputLabel: 'Сообщение боту',
    clerk: 'minzdrav.clerk1',
    author: 'Саида Тхагапсоева',
    authorShown: 'Саида Тхагапсоева',
    text: `В поликлинике на Пионерской не записывают к эндокринологу уже месяц (${stamp})`,
    answer: `Здравствуйте! Запись к эндокринологу открыта с понедельника, телефон регистратуры 52-00-00 (${stamp}).`,
    source: 'telegram',
  });
});

test('a VK comment under the ministry’s post reaches its clerk within 2 s, and the answer appears under the comment as «доставлено»', async ({ browser }) => {
  const stamp = Date.now().toString(36);
  await roundTrip(browser, {
    panel: 'ВКонтакте: сообщество Минстроя и ЖКХ Адыгеи',
    inputLabel: 'Комментарий к записи',
    clerk: 'minstroy.clerk1',
    author: 'Руслан Хатков',
    // VK's callbacks carry the person's id, not their name.
    authorShown: 'Пользователь VK id',
    text: `Дом 14 по улице Шовгенова: третью неделю течёт крыша над пятым подъездом (${stamp})`,
    answer: `Руслан, заявка передана управляющей компании, кровлю отремонтируют до пятницы (${stamp}).`,
    source: 'vk',
  });
});
