import { expect, test } from '@playwright/test';
import ExcelJS from 'exceljs';
import { login, snapshot } from './support/api';
import { OPEN, giveAppeals, shownIds, viewButton, viewCount } from './support/clerk-day';
import { exportWithReason, loginAs, queue, queueCount, waitForSynced } from './support/workstation';

/** The queue: views with live counts, filters that survive a restart, Russian search, bulk actions. */

test('views count live and filters survive a restart', async ({ page }) => {
  const username = 'maykopsky.clerk1';
  const [urgent] = await giveAppeals(username, [
    { text: 'Срочно: прорвало трубу, заливает подвал дома', priority: 'urgent', source: 'telegram' },
    { text: 'Не вывозят мусор с площадки у дома', source: 'ok' },
  ]);
  await loginAs(page, username);
  await waitForSynced(page);
  const me = await login(username);
  const appeals = [...(await snapshot(me)).appeals.values()];
  const mine = appeals.filter((a) => a.assigneeId === me.user.id && OPEN.includes(a.status));

  await expect.poll(() => viewCount(page, 'Мои')).toBe(mine.length);
  await expect.poll(() => viewCount(page, 'Все в моём МО')).toBe(appeals.length);
  expect(await queueCount(page)).toBe(mine.length);

  // «7» shows every appeal of the municipality; the heading counts what is shown.
  await queue(page).focus();
  await page.keyboard.press('7');
  await expect(viewButton(page, 'Все в моём МО')).toHaveAttribute('aria-pressed', 'true');
  await expect.poll(() => queueCount(page)).toBe(appeals.length);

  // Back to «Мои», only urgent ones from Telegram.
  await page.keyboard.press('1');
  await page.getByRole('button', { name: 'Фильтры' }).click();
  await page.getByLabel('Приоритет').selectOption({ label: 'Срочное' });
  await page.getByLabel('Источник').selectOption({ label: 'Telegram' });
  await expect.poll(() => shownIds(page)).toContain(urgent);
  const filtered = mine.filter((a) => (a as unknown as { priority: string }).priority === 'urgent' && (a as unknown as { source: string }).source === 'telegram');
  await expect.poll(() => queueCount(page)).toBe(filtered.length);

  // A live count: the curator hands over one more appeal, the view's count grows without a reload.
  const before = await viewCount(page, 'Мои');
  await giveAppeals(username, [{ text: 'Яма на дороге у остановки' }]);
  await expect.poll(() => viewCount(page, 'Мои'), { timeout: 5_000 }).toBe(before + 1);

  await page.reload();
  await expect(queue(page)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Фильтры (2)' })).toBeVisible();
  await expect.poll(() => queueCount(page)).toBe(filtered.length);
  await page.getByRole('button', { name: 'Сбросить фильтры' }).click();
  await expect.poll(() => queueCount(page)).toBe(mine.length + 1);
});

test('search finds word forms in the text, the address and the replies; the result exports to a spreadsheet', async ({ page }, testInfo) => {
  const username = 'teuchezhsky.clerk1';
  const [road, lamp] = await giveAppeals(username, [
    { text: 'На въезде в аул разбита дорога, после дождя стоят огромные лужи', address: 'ул. Шовгенова, д. 14' },
    { text: 'Не горит уличное освещение у сельской библиотеки' },
  ]);
  await loginAs(page, username);
  await waitForSynced(page);
  await page.keyboard.press('7');
  await page.keyboard.press('/');
  const search = page.getByRole('searchbox', { name: 'Поиск по обращениям' });
  await expect(search).toBeFocused();

  await search.fill('дороги');
  await expect(queue(page)).toHaveAttribute('data-search', 'дороги');
  await expect.poll(() => shownIds(page)).toContain(road);
  expect(await shownIds(page)).not.toContain(lamp);
  // The words are stemmed and indexed in a worker, off the thread that draws the screen.
  expect(page.workers().map((w) => w.url())).toContainEqual(expect.stringContaining('search.worker'));

  // Every word must match: the street of one appeal and a word of the other find neither.
  await search.fill('Шовгенова дорогу');
  await expect.poll(() => shownIds(page)).toContain(road);
  await search.fill('Шовгенова библиотеки');
  await expect.poll(() => shownIds(page)).not.toContain(road);
  expect(await shownIds(page)).not.toContain(lamp);

  await search.fill('освещения библиотеки');
  await expect.poll(() => shownIds(page)).toContain(lamp);
  expect(await shownIds(page)).not.toContain(road);

  // The search result goes to a spreadsheet as it is on screen.
  const found = await shownIds(page);
  const download = await exportWithReason(page, page.getByRole('button', { name: 'Выгрузить список в Excel' }), 'Справка по освещению для главы района');
  expect(download.suggestedFilename()).toMatch(/поиск «освещения библиотеки»_\d{4}-\d\d-\d\d\.xlsx$/);
  const file = testInfo.outputPath('search.xlsx');
  await download.saveAs(file);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.worksheets[0]!;
  expect(ws.rowCount - 5).toBe(found.length);
  const summaries = Array.from({ length: found.length }, (_, i) => String(ws.getRow(5 + i).getCell(4).value));
  expect(summaries.some((text) => text.includes('уличное освещение у сельской библиотеки'))).toBe(true);
  expect(summaries.some((text) => text.includes('разбита дорога'))).toBe(false);

  // Replies are searched too: a word only the reply has finds the appeal.
  await search.press('Enter');
  await expect(queue(page)).toBeFocused();
  await page.locator(`[data-appeal-id="${lamp}"]`).click();
  await page.getByLabel('Ответ гражданину').fill('Электромонтёры заменят перегоревшие прожекторы до пятницы.');
  await page.getByRole('button', { name: 'Отправить ответ' }).click();
  await page.keyboard.press('Escape');
  await page.keyboard.press('/');
  await search.fill('прожектор перегоревший');
  await expect.poll(() => shownIds(page)).toContain(lamp);
  expect(await shownIds(page)).not.toContain(road);
  await search.fill('несуществующееслово');
  await expect(page.getByText('Ничего не найдено')).toBeVisible();

  // A search shown follows the replica: an appeal that arrives after the words were typed shows up
  // under them, nothing typed again.
  await search.fill('трансформатор');
  await expect(page.getByText('Ничего не найдено')).toBeVisible();
  const [transformer] = await giveAppeals(username, [{ text: 'Гудит трансформатор во дворе дома 3' }]);
  await expect.poll(() => shownIds(page)).toContain(transformer);
});

test('multi-select with the keyboard: take several in work, set the sphere of several', async ({ page }) => {
  const username = 'krasnogvardeysky.clerk1';
  const ids = await giveAppeals(username, [
    { text: 'Первое: нет воды в колонке на углу' },
    { text: 'Второе: нет воды в колонке у школы' },
    { text: 'Третье: не чистят снег во дворе' },
  ]);
  await loginAs(page, username);
  await waitForSynced(page);
  await page.keyboard.press('2'); // «Новые»: not yet taken in work
  await page.keyboard.press('/');
  await page.getByRole('searchbox', { name: 'Поиск по обращениям' }).fill('колонке');
  await page.keyboard.press('Enter');
  await expect(queue(page)).toBeFocused();
  await expect.poll(() => shownIds(page)).toHaveLength(2);

  await page.keyboard.press('Control+a');
  await expect(page.getByText('Отмечено: 2')).toBeVisible();
  await page.getByRole('button', { name: 'Взять в работу' }).click();
  await expect(queue(page)).toBeFocused();

  const me = await login(username);
  await expect
    .poll(async () => {
      const a = (await snapshot(me)).appeals;
      return [a.get(ids[0]!)!.status, a.get(ids[1]!)!.status, a.get(ids[2]!)!.status];
    })
    .toEqual(['in_progress', 'in_progress', 'assigned']);

  // Space marks the row the keyboard is on; the sphere of the marked ones changes at once.
  await page.keyboard.press('1');
  await page.getByRole('searchbox', { name: 'Поиск по обращениям' }).fill('');
  await page.keyboard.press('/');
  await page.getByRole('searchbox', { name: 'Поиск по обращениям' }).fill('воды колонке');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Home');
  await page.keyboard.press(' ');
  await page.keyboard.press('j');
  await page.keyboard.press(' ');
  await expect(page.getByText('Отмечено: 2')).toBeVisible();
  await page.getByLabel('Сфера для отмеченных').selectOption({ label: 'ЖКХ' });
  await page.getByRole('button', { name: 'Сменить сферу' }).click();
  await expect
    .poll(async () => {
      const a = (await snapshot(me)).appeals as Map<string, { category?: string }>;
      return [a.get(ids[0]!)!.category, a.get(ids[1]!)!.category];
    })
    .toEqual(['housing', 'housing']);
});
