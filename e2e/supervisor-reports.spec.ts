import { expect, test } from '@playwright/test';
import ExcelJS from 'exceljs';
import { login, OPEN, snapshot } from './support/api';
import { libreOfficeCsv, pdfFonts, pdfText, renderFirstPage } from './support/files';
import { openSection } from './support/supervisor';
import { openConsole } from './support/admin';
import { exportWithReason, loginAs, waitForSynced } from './support/workstation';

/** The curator opens the dashboard and takes the HQ digest away as a spreadsheet and as a PDF. */

const moscowMonth = (iso: string) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Moscow', year: 'numeric', month: '2-digit' }).format(new Date(iso));

test('the dashboard shows the figures of the replica, each chart with its table', async ({ page }) => {
  await loginAs(page, 'curator');
  await waitForSynced(page);
  await openSection(page, 'Аналитика');
  await expect(page.locator('.sv-analytics[data-ready="true"]')).toBeVisible({ timeout: 20_000 });

  const { appeals } = await snapshot(await login('curator'));
  const now = new Date();
  const thisMonth = moscowMonth(now.toISOString());
  const received = [...appeals.values()].filter((a) => moscowMonth((a as unknown as { receivedAt: string }).receivedAt) === thisMonth).length;
  const overdue = [...appeals.values()].filter((a) => OPEN.includes(a.status) && Date.parse(a.dueAt) < Date.now()).length;
  const figure = (name: string) => page.locator(`[data-figure="${name}"] strong`);
  await expect(figure('total')).toHaveText(received.toLocaleString('ru-RU'));
  await expect(figure('overdue')).toHaveText(overdue.toLocaleString('ru-RU'));
  await expect(figure('on-time')).toHaveText(/^\d+(,\d)?%$/);

  // Five charts (over time, spheres, sources, municipalities, topics), each beside its table.
  const blocks = page.locator('.sv-chart-block');
  await expect(blocks).toHaveCount(5);
  for (const block of await blocks.all()) {
    await expect(block.locator('figure.sv-chart .recharts-wrapper > svg.recharts-surface')).toBeVisible();
    await expect(block.locator('table tbody tr').first()).toBeVisible();
  }
  // Bars are told apart by pattern, not colour: the period solid, the one before hatched.
  await expect(page.locator('pattern#sv-pattern-previous line')).toHaveCount(1);
  await expect(page.getByRole('heading', { name: 'Ведущие темы' })).toBeVisible();
  // On paper: the charts and their tables, without the workstation's controls.
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('tablist', { name: 'Разделы куратора' })).toBeHidden();
  await expect(page.getByRole('button', { name: 'Печать' })).toBeHidden();
  await expect(blocks.first().locator('svg.recharts-surface').last()).toBeVisible();
  await page.emulateMedia({ media: 'screen' });

  // Another period recomputes the figures.
  await page.getByRole('combobox', { name: 'Период' }).selectOption({ label: 'Прошлый месяц' });
  const lastMonth = moscowMonth(new Date(Date.parse(`${thisMonth}-01T12:00:00+03:00`) - 5 * 86_400_000).toISOString());
  const receivedLast = [...appeals.values()].filter((a) => moscowMonth((a as unknown as { receivedAt: string }).receivedAt) === lastMonth).length;
  await expect(figure('total')).toHaveText(receivedLast.toLocaleString('ru-RU'));
});

test('the HQ digest downloads as XLSX (real formulas, opens in LibreOffice) and as PDF with Russian text, each with its reason in the audit log', async ({ page, browser }, testInfo) => {
  await loginAs(page, 'curator');
  await waitForSynced(page);
  await openSection(page, 'Отчёты');
  await page.getByRole('button', { name: 'Этот месяц' }).click();

  const xlsxDownload = await exportWithReason(page, page.getByRole('button', { name: 'Скачать сводку (Excel)' }), 'Сводка для регионального штаба');
  expect(xlsxDownload.suggestedFilename()).toMatch(/^Сводка_\d{4}-\d\d-01_\d{4}-\d\d-\d\d\.xlsx$/);
  const xlsx = testInfo.outputPath('digest.xlsx');
  await xlsxDownload.saveAs(xlsx);

  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(xlsx);
  expect(wb.worksheets.map((w) => w.name)).toEqual(['Сводка', 'Просроченные', 'Значимые']);
  const summary = wb.getWorksheet('Сводка')!;
  expect(summary.getCell('A1').value).toBe('Оперативная сводка по обращениям граждан');
  // The total of the spheres is a SUM over the rows above it, and its cached result is that sum.
  let totalRow = 0;
  summary.eachRow((row, n) => {
    if (row.getCell(1).value === 'Итого' && totalRow === 0) totalRow = n;
  });
  expect(totalRow).toBeGreaterThan(0);
  const total = summary.getCell(`B${totalRow}`).value as { formula: string; result: number };
  const [, first, last] = /^SUM\(B(\d+):B(\d+)\)$/.exec(total.formula) ?? [];
  expect(first && last).toBeTruthy();
  let sum = 0;
  for (let n = Number(first); n <= Number(last); n++) sum += Number(summary.getCell(`B${n}`).value);
  expect(total.result).toBe(sum);
  expect(summary.getCell(`B${Number(first) - 1}`).value).toBe('За период');
  expect(summary.getCell(`E${first}`).numFmt).toBe('0%');

  // LibreOffice opens it; with the cached results removed it computes the same totals itself.
  const sheets = libreOfficeCsv(xlsx, testInfo.outputPath('lo'));
  expect(sheets.get('Сводка')).toContain('Оперативная сводка по обращениям граждан');
  expect(sheets.get('Сводка')).toContain(`Итого,${sum},`);
  summary.getCell(`B${totalRow}`).value = { formula: total.formula } as ExcelJS.CellFormulaValue;
  const bare = testInfo.outputPath('bare.xlsx');
  await wb.xlsx.writeFile(bare);
  expect(libreOfficeCsv(bare, testInfo.outputPath('lo-bare')).get('Сводка')).toContain(`Итого,${sum},`);
  const overdueSheet = sheets.get('Просроченные')!;
  expect(overdueSheet.split('\n')[1]).toContain('Ответственный');

  const pdfDownload = await exportWithReason(page, page.getByRole('button', { name: 'Скачать сводку (PDF)' }), 'Сводка для регионального штаба');
  expect(pdfDownload.suggestedFilename()).toMatch(/\.pdf$/);
  const pdf = testInfo.outputPath('digest.pdf');
  await pdfDownload.saveAs(pdf);
  const text = pdfText(pdf);
  for (const words of ['Оперативная сводка по обращениям граждан', 'По сферам', 'Здравоохранение', 'По муниципальным образованиям', 'Майкоп', 'Просроченные обращения и ответственные']) {
    expect(text).toContain(words);
  }
  const fonts = pdfFonts(pdf);
  expect(fonts).toMatch(/DejaVuSans\s+CID TrueType\s+Identity-H\s+yes\s+yes\s+yes/);
  // Page 1 as an image: an A4 page with text drawn on it, not an empty one.
  const page1 = renderFirstPage(pdf, testInfo.outputPath('png'));
  expect(page1.width).toBeGreaterThan(450);
  expect(page1.height / page1.width).toBeCloseTo(297 / 210, 1);
  expect(page1.ink).toBeGreaterThan(0.01);
  expect(page1.ink).toBeLessThan(0.5);

  // Both files are in the audit log with who, what, how many rows and why: the administrator reads it.
  const adminPage = await (await browser.newContext()).newPage();
  await loginAs(adminPage, 'admin');
  await openConsole(adminPage, 'Журнал действий');
  const exports = adminPage.getByRole('cell', { name: /^Сводка за .+: строк \d+\. Причина: Сводка для регионального штаба$/ });
  await expect(exports).toHaveCount(2, { timeout: 15_000 });
  await expect(adminPage.getByRole('row', { name: /Аслан Тхаркахов.*Сводка для регионального штаба/ }).first()).toBeVisible();
  await adminPage.context().close();
});
