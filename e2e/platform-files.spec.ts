import { expect, test } from '@playwright/test';
import ExcelJS from 'exceljs';
import { writeFileSync } from 'node:fs';
import { login, push, snapshot } from './support/api';
import { expectAccessible } from './support/clerk-day';
import { openSection } from './support/supervisor';
import { loginAs, waitForSynced } from './support/workstation';

/**
 * A region reaches ПОС only through its cabinet: the curator uploads the downloaded messages, sees
 * which rows were wrong, uploads the same file again without doubling anything, and takes the
 * published answers away as a spreadsheet.
 */
test('the curator imports a ПОС download with per-row errors, once, and downloads the answers', async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  const run = Date.now().toString(36);
  const marker = `e2e-${run}`;
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Обращения');
  ws.addRow(['Номер', 'Дата поступления', 'Категория', 'Текст обращения', 'Населённый пункт', 'Срок ответа', 'Заявитель']);
  ws.addRow([`POS-${run}-1`, '02.12.2026 10:30', 'ЖКХ', `Нет горячей воды третий день (${marker})`, 'Майкоп', '12.12.2026', 'Людмила Ткаченко']);
  ws.addRow([`POS-${run}-2`, '', 'Дороги', '', '', '', '']);
  ws.addRow([`POS-${run}-3`, '', '', `Сломана скамейка у остановки (${marker})`, 'Майкоп', '', '']);
  const file = testInfo.outputPath('pos.xlsx');
  await wb.xlsx.writeFile(file);

  await loginAs(page, 'curator');
  await waitForSynced(page);
  await openSection(page, 'Отчёты');
  const panel = page.getByRole('region', { name: 'Файлы ПОС и Инцидент Менеджмент' });
  await expect(panel).toBeVisible();
  await panel.getByLabel('Платформа').selectOption({ label: 'ПОС Госуслуг' });

  // Without a file: told what to do, focus on the file field.
  await panel.getByRole('button', { name: 'Загрузить обращения' }).click();
  await expect(panel.getByRole('alert')).toHaveText('Выберите файл выгрузки.');
  await expect(panel.getByLabel('Файл выгрузки')).toBeFocused();

  await panel.getByLabel('Файл выгрузки').setInputFiles(file);
  await panel.getByRole('button', { name: 'Загрузить обращения' }).click();
  await expect(panel.getByText('Создано обращений: 2, уже были загружены: 0, с ошибками: 1.')).toBeVisible();
  await expect(panel.getByRole('list', { name: 'Строки с ошибками' }).getByRole('listitem')).toHaveText([`Строка 3 (номер POS-${run}-2): текст обращения — не заполнено`]);
  await expectAccessible(page, 'the platform files panel with row errors');

  await panel.getByRole('button', { name: 'Загрузить обращения' }).click();
  await expect(panel.getByText('Создано обращений: 0, уже были загружены: 2, с ошибками: 1.')).toBeVisible();

  // A file that is neither a table nor our JSON: a Russian explanation, nothing else changes.
  const junk = testInfo.outputPath('junk.txt');
  writeFileSync(junk, 'не выгрузка');
  await panel.getByLabel('Файл выгрузки').setInputFiles(junk);
  await panel.getByRole('button', { name: 'Загрузить обращения' }).click();
  await expect(panel.getByRole('alert')).toContainText('Файл не прочитан');

  // The clerk it went to answers; the answers file has it against the platform's number.
  const curator = await login('curator');
  const { appeals, users } = await snapshot(curator);
  const water = [...appeals.values()].find((a) => a.text.startsWith(`Нет горячей воды третий день (${marker})`));
  expect(water).toMatchObject({ municipalityId: 'maykop', dueAt: new Date('2026-12-12T23:59:00+03:00').toISOString() });
  const assignee = users.get(water!.assigneeId!)!;
  const clerk = await login(assignee.username);
  const answer = `Подачу горячей воды восстановили 3 декабря (${marker}).`;
  const { results } = await push(clerk, [{ id: `m-${run}`, name: 'reply.submit', args: { replyId: `r-${run}`, appealId: water!.id, body: answer } }]);
  expect(results[0]?.status).toBe('applied');

  const [download] = await Promise.all([page.waitForEvent('download'), panel.getByRole('button', { name: 'Скачать ответы (Excel)' }).click()]);
  expect(download.suggestedFilename()).toMatch(/^Ответы_pos_\d{4}-\d\d-\d\d\.xlsx$/);
  const saved = testInfo.outputPath('answers.xlsx');
  await download.saveAs(saved);
  const back = new ExcelJS.Workbook();
  await back.xlsx.readFile(saved);
  const rows = back.worksheets[0]!.getSheetValues().slice(2) as unknown[][];
  expect(rows.map((r) => [r[1], r[4]])).toContainEqual([`POS-${run}-1`, answer]);
});
