import { expect, test } from '@playwright/test';
import ExcelJS from 'exceljs';
import { login, OPEN, snapshot } from './support/api';
import { listRows, numberOf, openSection, workstationOf, worklistNumber } from './support/supervisor';
import { exportWithReason, loginAs, queue, queueCount, queueRow, waitForSynced } from './support/workstation';

/** A curator works the clerks' worklists: reassigns in bulk, hands an appeal to another municipality. */

test('the curator reassigns appeals in bulk, to another municipality and to a ministry; the clerks see it at once', async ({ page, browser }) => {
  const curatorApi = await login('curator');
  const { users } = await snapshot(curatorApi);
  const operator = [...users.values()].find((u) => u.username === 'operator')!;
  const colleague = [...users.values()].find((u) => u.role === 'clerk' && u.municipalityId === 'maykop' && u.id !== operator.id)!;
  const operatorPage = await workstationOf(browser, 'operator');
  const colleaguePage = await workstationOf(browser, colleague.username);
  const colleagueBefore = await queueCount(colleaguePage);

  await loginAs(page, 'curator');
  await waitForSynced(page);
  await openSection(page, 'Сотрудники');
  const open = worklistNumber(page, operator.displayName, 'Открыто');
  const shown = await numberOf(open);
  const { appeals } = await snapshot(curatorApi);
  expect(shown).toBe([...appeals.values()].filter((a) => a.assigneeId === operator.id && OPEN.includes(a.status)).length);
  expect(shown).toBeGreaterThan(3);
  await open.click();
  await expect(page.getByRole('heading', { name: new RegExp(`${operator.displayName}: открыто`) })).toBeVisible();
  await expect(listRows(page)).toHaveCount(shown);

  // Two appeals to a colleague in Майкоп, with a reason.
  const rowIds = await listRows(page).evaluateAll((rows) => rows.map((r) => r.getAttribute('data-appeal-id')!));
  // One that may be forwarded (not waiting for the citizen's clarification), and three others to hand over.
  const forwardable = (id: string) => ['new', 'assigned', 'in_progress'].includes(appeals.get(id)!.status);
  const fourth = rowIds.find(forwardable);
  expect(fourth).toBeDefined();
  const ids = [...rowIds.filter((id) => id !== fourth).slice(0, 3), fourth!];
  for (const id of ids.slice(0, 2)) await page.locator(`tr[data-appeal-id="${id}"]`).getByRole('checkbox').check();
  await expect(page.getByRole('heading', { name: 'Передать выбранные обращения (2)' })).toBeVisible();
  await page.getByLabel('Сотрудник', { exact: true }).selectOption({ label: `${colleague.displayName} — Майкоп` });
  await page.getByLabel('Причина (попадёт в историю обращения)').fill('Перераспределение нагрузки на время отпуска');
  await page.getByRole('button', { name: 'Передать (2)' }).click();
  await expect(page.getByText('Передано обращений: 2')).toBeVisible();

  // The operator's queue loses them, the colleague's gains them, without a reload.
  for (const id of ids.slice(0, 2)) await expect(queueRow(operatorPage, id)).toHaveCount(0, { timeout: 10_000 });
  await expect.poll(() => queueCount(colleaguePage), { timeout: 10_000 }).toBe(colleagueBefore + 2);
  const after = await snapshot(curatorApi);
  for (const id of ids.slice(0, 2)) expect(after.appeals.get(id)).toMatchObject({ assigneeId: colleague.id, municipalityId: 'maykop' });

  // The colleague reads why in the appeal's history.
  await queue(colleaguePage).focus();
  const target = ids[0]!;
  await colleaguePage.evaluate((id) => document.querySelector(`[data-appeal-id="${id}"]`)?.scrollIntoView(), target);
  for (let i = 0; i < 50 && (await queueRow(colleaguePage, target).count()) === 0; i++) await colleaguePage.keyboard.press('ArrowDown');
  await queueRow(colleaguePage, target).click();
  await expect(colleaguePage.getByText(/причина: «Перераспределение нагрузки на время отпуска»/)).toBeVisible();

  // The third appeal is outside Майкоп's competence: to Гиагинский район, whose routing picks the clerk.
  await page.locator(`tr[data-appeal-id="${ids[2]}"]`).getByRole('checkbox').check();
  for (const id of ids.slice(0, 2)) await page.locator(`tr[data-appeal-id="${id}"]`).getByRole('checkbox').uncheck();
  await page.getByRole('radio', { name: 'В другое муниципальное образование' }).check();
  await page.getByLabel(/^Муниципальное образование \(исполнителя назначит/).selectOption({ label: 'Гиагинский район' });
  const submit = page.getByRole('button', { name: 'Передать (1)' });
  await expect(submit).toBeDisabled();
  await page.getByLabel(/^Причина передачи/).fill('Дорога в ведении Гиагинского района');
  await submit.click();
  await expect(queueRow(operatorPage, ids[2]!)).toHaveCount(0, { timeout: 10_000 });
  await expect
    .poll(async () => (await snapshot(curatorApi)).appeals.get(ids[2]!)?.municipalityId)
    .toBe('giaginsky');
  const moved = (await snapshot(curatorApi)).appeals.get(ids[2]!)!;
  expect(users.get(moved.assigneeId!)).toMatchObject({ role: 'clerk', municipalityId: 'giaginsky' });

  // The fourth is for a ministry: forwarded into its queue, with where and why. An
  // appeal waiting for the citizen's clarification cannot be sent on, and the panel says so.
  await page.locator(`tr[data-appeal-id="${ids[2]}"]`).getByRole('checkbox').uncheck();
  const waiting = [...appeals.values()].find((a) => a.assigneeId === operator.id && a.status === 'clarification' && !ids.includes(a.id));
  if (waiting) {
    await page.locator(`tr[data-appeal-id="${waiting.id}"]`).getByRole('checkbox').check();
    await page.getByRole('radio', { name: 'В другой орган (министерство, ведомство)' }).check();
    await expect(page.getByText(/^Из выбранных нельзя перенаправить в их нынешнем статусе.*: 1\./)).toBeVisible();
    await page.locator(`tr[data-appeal-id="${waiting.id}"]`).getByRole('checkbox').uncheck();
  }
  await page.locator(`tr[data-appeal-id="${ids[3]}"]`).getByRole('checkbox').check();
  await page.getByRole('radio', { name: 'В другой орган (министерство, ведомство)' }).check();
  await page.getByLabel('Орган, куда перенаправить').selectOption({ label: 'Министерство здравоохранения Республики Адыгея' });
  await page.getByLabel(/^Причина передачи/).fill('Вопрос лекарственного обеспечения');
  await page.getByRole('button', { name: 'Передать (1)' }).click();
  await expect(queueRow(operatorPage, ids[3]!)).toHaveCount(0, { timeout: 10_000 });
  // A body of the region's directory: the appeal is now in the ministry's queue, with its clerk.
  await expect
    .poll(async () => {
      const a = (await snapshot(curatorApi)).appeals.get(ids[3]!);
      return [a?.municipalityId, a?.assigneeId, a?.status];
    })
    .toEqual(['minzdrav', 'u-clerk-minzdrav-1', 'assigned']);

  await operatorPage.context().close();
  await colleaguePage.context().close();
});

test('a worklist exports to a spreadsheet with the same appeals', async ({ page }, testInfo) => {
  await loginAs(page, 'curator');
  await waitForSynced(page);
  await openSection(page, 'Сотрудники');
  await page.getByRole('button', { name: 'По муниципальным образованиям' }).click();
  const overdue = worklistNumber(page, 'Все', 'Открыто');
  const count = await numberOf(overdue);
  await overdue.click();
  await expect(listRows(page).first()).toBeVisible();
  const download = await exportWithReason(page, page.getByRole('button', { name: 'Выгрузить в Excel' }), 'Список открытых для совещания у заместителя');
  expect(download.suggestedFilename()).toMatch(/^Все открыто_\d{4}-\d\d-\d\d\.xlsx$/);
  const file = testInfo.outputPath('worklist.xlsx');
  await download.saveAs(file);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.worksheets[0]!;
  expect(ws.getCell('A1').value).toBe('Все: открыто');
  const header = ws.getRow(4).values as unknown[];
  expect(header).toContain('Автор');
  const total = ws.getRow(ws.rowCount);
  expect(total.getCell(1).value).toBe('Итого');
  expect(total.getCell(3).value).toMatchObject({ formula: `COUNTA(C5:C${ws.rowCount - 1})`, result: count });
  expect(ws.rowCount - 5).toBe(count);
});
