import { expect, test } from '@playwright/test';
import { login, snapshot } from './support/api';
import { giveAppeals, openAppealId, shownIds } from './support/clerk-day';
import { loginAs, queue, queueRow, waitForSynced } from './support/workstation';

/**
 * A clerk in Майкоп finds a question about medicines in their queue and forwards it to the health
 * ministry: the ministry's clerk receives it in their own queue with the reason, Майкоп keeps
 * following it, and the ЦУР's curator sees the chain.
 */
test('a forward to a ministry lands in that ministry’s queue, and the forwarding body follows it', async ({ browser }) => {
  const [id] = await giveAppeals('operator', [{ text: 'В аптеке третий месяц нет льготного инсулина по рецепту', author: 'Фатима Беретарь' }]);
  const operatorPage = await (await browser.newContext()).newPage();
  await loginAs(operatorPage, 'operator');
  await waitForSynced(operatorPage);

  // The newest appeal is due last: the end of «Мои», sorted by deadline.
  await queue(operatorPage).focus();
  await operatorPage.keyboard.press('End');
  await expect.poll(() => shownIds(operatorPage)).toContain(id);
  await queueRow(operatorPage, id!).click();
  await expect.poll(() => openAppealId(operatorPage)).toBe(id);

  await operatorPage.getByRole('button', { name: 'Перенаправить в другой орган' }).click();
  const where = operatorPage.getByLabel('Куда (орган, организация)');
  // Only bodies of the directory, grouped; the appeal's own body is not offered.
  await expect(where.locator('optgroup[label="Министерства и ведомства"] option', { hasText: 'Министерство здравоохранения Республики Адыгея' })).toHaveCount(1);
  await expect(where.locator('option', { hasText: /^Майкоп$/ })).toHaveCount(0);
  await where.selectOption({ label: 'Министерство здравоохранения Республики Адыгея' });
  await expect(operatorPage.getByText('Обращение попадёт в очередь этого органа')).toBeVisible();
  await operatorPage.getByLabel('Причина перенаправления').fill('Лекарственное обеспечение — компетенция Минздрава');
  await operatorPage.getByRole('button', { name: 'Перенаправить', exact: true }).click();
  await expect(operatorPage.getByText('Обращение перенаправлено: Министерство здравоохранения Республики Адыгея')).toBeVisible();

  // On the server: the ministry's body, its clerk, and Майкоп among the followers.
  const ministryClerk = await login('minzdrav.clerk1');
  await expect
    .poll(async () => {
      const a = (await snapshot(ministryClerk)).appeals.get(id!);
      return [a?.municipalityId, a?.assigneeId];
    }, { timeout: 15_000 })
    .toEqual(['minzdrav', ministryClerk.user.id]);

  // The ministry's clerk has it in «Мои» and reads where it came from and why.
  const ministryPage = await (await browser.newContext()).newPage();
  await loginAs(ministryPage, 'minzdrav.clerk1');
  await waitForSynced(ministryPage);
  await queue(ministryPage).focus();
  await ministryPage.keyboard.press('End');
  await expect.poll(() => shownIds(ministryPage), { timeout: 15_000 }).toContain(id);
  await queueRow(ministryPage, id!).click();
  const history = ministryPage.getByRole('region', { name: 'История' });
  await expect(history.getByText(/Перенаправлено в другой орган: Министерство здравоохранения Республики Адыгея/)).toBeVisible();
  await expect(history.getByText(/Лекарственное обеспечение — компетенция Минздрава/)).toBeVisible();

  // Майкоп keeps it to follow (read-only), and the ЦУР sees the chain.
  const operator = await login('operator');
  expect((await snapshot(operator)).appeals.get(id!)).toMatchObject({ municipalityId: 'minzdrav' });
  const curator = await login('curator');
  expect((await snapshot(curator)).appeals.get(id!)).toMatchObject({ municipalityId: 'minzdrav', assigneeId: ministryClerk.user.id });

  await operatorPage.context().close();
  await ministryPage.context().close();
});
