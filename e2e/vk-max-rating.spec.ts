import { expect, test, type Browser } from '@playwright/test';
import { login, snapshot } from './support/api';
import { expectAccessible, openAppeal, openAppealId } from './support/clerk-day';
import { loginAs, queue, queueRow, waitForSynced } from './support/workstation';

/**
 * The citizen's word with VK's and MAX's buttons, on the demo page: a citizen writes in the VK
 * community's messages (and to the MAX bot), the ministry's clerk answers, the rating question
 * comes with the platform's buttons, and a press is the rating in the appeal's thread.
 */
async function roundTrip(browser: Browser, input: { panel: string; inputLabel: string; clerk: string; name: string; text: string; press: string; rating: string }) {
  const clerkPage = await (await browser.newContext()).newPage();
  await loginAs(clerkPage, input.clerk);
  await waitForSynced(clerkPage);

  const citizen = await (await browser.newContext()).newPage();
  await citizen.goto('/demo');
  const panel = citizen.getByRole('region', { name: input.panel });
  await panel.getByLabel('Имя жителя').fill(input.name);
  await panel.getByLabel(input.inputLabel).fill(input.text);
  await panel.getByRole('button', { name: 'Отправить' }).click();
  await expect(panel.getByRole('status')).toHaveText(/Отправлено/);

  let appealId = '';
  await expect
    .poll(async () => (appealId = [...(await snapshot(await login('curator'))).appeals.values()].find((a) => a.text === input.text)?.id ?? ''), { timeout: 10_000 })
    .not.toBe('');
  await expect(queueRow(clerkPage, appealId)).toHaveCount(1, { timeout: 10_000 });
  await queue(clerkPage).focus();
  await queueRow(clerkPage, appealId).click();
  await expect.poll(() => openAppealId(clerkPage)).toBe(appealId);
  await clerkPage.getByLabel('Ответ гражданину').fill('Ответ министерства: вопрос решён.');
  await clerkPage.getByRole('button', { name: 'Отправить ответ' }).click();

  const question = panel.getByRole('listitem').filter({ hasText: `→ ${input.name}` }).filter({ hasText: 'Проблема решена? Оцените, пожалуйста, ответ' });
  await expect(question.getByRole('group', { name: 'Кнопки сообщения' }).getByRole('button')).toHaveText(['1', '2', '3', '4', '5', 'Решено', 'Не решено'], { timeout: 15_000 });
  await expectAccessible(citizen, `the demo page with a ${input.panel} rating question`);
  await question.getByRole('button', { name: input.press, exact: true }).click();
  await expect(panel.getByRole('listitem').filter({ hasText: `→ ${input.name}` }).filter({ hasText: 'Спасибо за оценку!' })).toBeVisible({ timeout: 15_000 });

  await expect(openAppeal(clerkPage).getByText(input.rating, { exact: true })).toBeVisible({ timeout: 15_000 });
  await citizen.context().close();
  await clerkPage.context().close();
}

test('a VK citizen rates the answer with VK’s buttons in the community’s messages', async ({ browser }) => {
  const stamp = Date.now().toString(36);
  await roundTrip(browser, {
    panel: 'ВКонтакте: сообщения сообществу Минстроя',
    inputLabel: 'Сообщение сообществу',
    clerk: 'minstroy.clerk1',
    name: 'Аминат Шеуджен',
    text: `Протекает крыша в доме 5 по ул. Жуковского (${stamp})`,
    press: '5',
    rating: 'Оценка жителя: 5 из 5',
  });
});

test('a MAX citizen rates the answer with MAX’s buttons', async ({ browser }) => {
  const stamp = Date.now().toString(36);
  await roundTrip(browser, {
    panel: 'MAX: бот Минтруда Адыгеи',
    inputLabel: 'Сообщение боту',
    clerk: 'mintrud.clerk1',
    name: 'Руслан Тлехас',
    text: `Не пришло пособие на ребёнка за ноябрь (${stamp})`,
    press: 'Решено',
    rating: 'Оценка жителя: решено',
  });
});
