import { expect, test } from '@playwright/test';
import { login, snapshot } from './support/api';
import { expectAccessible, openAppeal, openAppealId } from './support/clerk-day';
import { openSection } from './support/supervisor';
import { loginAs, queue, queueRow, waitForSynced } from './support/workstation';

/**
 * The citizen's word, through the demo page's Telegram bot: the clerk's answer is followed in the
 * chat by the rating question with buttons; the citizen presses «Не решено», and the appeal is back
 * in the clerk's queue with the rating in its thread and a notification saying why.
 */
test('a citizen answers «Не решено» to the rating question, and the appeal comes back to the clerk’s queue', async ({ browser }) => {
  const stamp = Date.now().toString(36);
  const text = `Не работает лифт в поликлинике №2 на Пионерской (${stamp})`;
  const answer = `Лифт отремонтирован, спасибо за обращение (${stamp}).`;

  const clerkPage = await (await browser.newContext()).newPage();
  await loginAs(clerkPage, 'minzdrav.clerk1');
  await waitForSynced(clerkPage);
  const bell = clerkPage.getByRole('button', { name: /^Уведомления \(\d+\)$/ });
  const unread = async () => Number(((await bell.textContent()) ?? '').replace(/\D/g, ''));

  const citizen = await (await browser.newContext()).newPage();
  await citizen.goto('/demo');
  const panel = citizen.getByRole('region', { name: 'Telegram: бот Минздрава Адыгеи' });
  await panel.getByLabel('Имя жителя').fill('Зарина Хатхе');
  await panel.getByLabel('Сообщение боту').fill(text);
  await panel.getByRole('button', { name: 'Отправить' }).click();
  await expect(panel.getByRole('status')).toHaveText(/Отправлено/);

  let appealId = '';
  await expect
    .poll(async () => (appealId = [...(await snapshot(await login('curator'))).appeals.values()].find((a) => a.text === text)?.id ?? ''), { timeout: 10_000 })
    .not.toBe('');
  await expect(queueRow(clerkPage, appealId)).toHaveCount(1, { timeout: 10_000 });
  await queue(clerkPage).focus();
  await queueRow(clerkPage, appealId).click();
  await expect.poll(() => openAppealId(clerkPage)).toBe(appealId);
  await clerkPage.getByLabel('Ответ гражданину').fill(answer);
  await clerkPage.getByRole('button', { name: 'Отправить ответ' }).click();
  // Answered: it leaves the queue of open appeals.
  await expect(queueRow(clerkPage, appealId)).toHaveCount(0, { timeout: 10_000 });

  // The chat: the answer, then the question with the scores and «Не решено» as buttons.
  await expect(panel.getByRole('list').getByText(answer)).toBeVisible({ timeout: 15_000 });
  // The page shows every demo citizen's chat with the bot: this one is Зарина's.
  const question = panel.getByRole('listitem').filter({ hasText: '→ Зарина Хатхе' }).filter({ hasText: 'Проблема решена? Оцените, пожалуйста, ответ' });
  await expect(question.getByRole('group', { name: 'Кнопки сообщения' }).getByRole('button')).toHaveText(['1', '2', '3', '4', '5', 'Решено', 'Не решено'], { timeout: 15_000 });
  await expectAccessible(citizen, 'the demo page with a rating question');
  // The clerk's thread shows the question on its way, as it shows every message to the citizen.
  await expect(openAppeal(clerkPage).getByText(/Вопрос жителю: решена ли проблема/)).toBeVisible();

  const before = await unread();
  await question.getByRole('button', { name: 'Не решено' }).click();
  await expect(panel.getByRole('listitem').filter({ hasText: '→ Зарина Хатхе' }).filter({ hasText: 'Спасибо. Обращение возвращено в работу, исполнитель получил уведомление.' })).toBeVisible({ timeout: 15_000 });

  // Back in the clerk's queue, told why, with the citizen's rating in the thread.
  await expect(queueRow(clerkPage, appealId)).toHaveCount(1, { timeout: 15_000 });
  await expect(clerkPage.getByRole('button', { name: `Уведомления (${before + 1})` })).toBeVisible({ timeout: 15_000 });
  await clerkPage.getByRole('button', { name: `Уведомления (${before + 1})` }).click();
  const notices = clerkPage.getByRole('region', { name: 'Уведомления' });
  await expect(notices.getByRole('listitem').filter({ hasText: 'Житель вернул обращение в работу' })).toContainText('Зарина Хатхе: Оценка жителя: не решено');
  await notices.getByRole('listitem').filter({ hasText: 'Житель вернул обращение в работу' }).getByRole('button', { name: 'Открыть' }).click();
  await expect.poll(() => openAppealId(clerkPage)).toBe(appealId);
  const thread = openAppeal(clerkPage);
  await expect(thread.getByText('Оценка жителя: не решено', { exact: true })).toBeVisible();
  await expect(thread.getByText('Обращение возвращено в работу по оценке жителя')).toBeVisible();
  await expect(thread.getByRole('combobox', { name: /Статус/ })).toHaveValue('in_progress');
  await expectAccessible(clerkPage, 'an appeal with the citizen’s rating');

  // The curator's «Аналитика» counts the citizen's word, here by channel.
  const curator = await (await browser.newContext()).newPage();
  await loginAs(curator, 'curator');
  await waitForSynced(curator);
  await openSection(curator, 'Аналитика');
  const ratings = curator.getByRole('region', { name: 'Оценки жителей' });
  await ratings.getByRole('combobox', { name: 'Группировать' }).selectOption({ label: 'по каналам' });
  const telegram = ratings.getByRole('row', { name: /^Telegram/ });
  await expect(telegram.getByRole('cell').nth(5)).toHaveText('1', { timeout: 15_000 });
  await expectAccessible(curator, 'the citizens’ ratings on «Аналитика»');

  await curator.context().close();
  await citizen.context().close();
  await clerkPage.context().close();
});
