import { expect, test } from '@playwright/test';
import { intake, login, OPEN, push, snapshot } from './support/api';
import { giveAppeals } from './support/clerk-day';
import { loginAs, pending, queue, queueCount, queueRow, waitForOfflineShell, waitForSynced } from './support/workstation';

/** The spine: a clerk answers appeals end to end, online and offline, against the real server. */

async function firstQueuedAppealId(page: import('@playwright/test').Page, index = 0): Promise<string> {
  const row = queue(page).locator('[data-appeal-id]').nth(index);
  await expect(row).toBeVisible();
  const id = await row.getAttribute('data-appeal-id');
  expect(id).toBeTruthy();
  return id!;
}

test('the queue holds only the open appeals assigned to the clerk', async ({ page }) => {
  await loginAs(page, 'operator');
  await waitForSynced(page);
  const operator = await login('operator');
  const { appeals } = await snapshot(await login('curator'));
  const mine = [...appeals.values()].filter((a) => a.assigneeId === operator.user.id && OPEN.includes(a.status));
  expect(mine.length).toBeGreaterThan(5);

  await expect.poll(() => queueCount(page)).toBe(mine.length);
  const shown = await queue(page).locator('[data-appeal-id]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-appeal-id')));
  expect(shown.length).toBeGreaterThan(0);
  for (const id of shown) {
    const appeal = appeals.get(id!);
    expect(appeal?.assigneeId, `appeal ${id} in the queue belongs to operator`).toBe(operator.user.id);
    expect(OPEN).toContain(appeal?.status);
  }
  // Another municipality's appeals never reach this workstation.
  const local = await page.evaluate(async () => {
    const open = indexedDB.open('otklik');
    const db: IDBDatabase = await new Promise((resolve, reject) => {
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const all: { municipalityId: string }[] = await new Promise((resolve) => {
      const req = db.transaction('appeals').objectStore('appeals').getAll();
      req.onsuccess = () => resolve(req.result);
    });
    db.close();
    return [...new Set(all.map((a) => a.municipalityId))];
  });
  expect(local).toEqual([operator.user.municipalityId]);
});

test('a reply sent online reaches the server once', async ({ page }) => {
  await loginAs(page, 'operator');
  await waitForSynced(page);
  const appealId = await firstQueuedAppealId(page);
  await queueRow(page, appealId).click();
  const body = `Здравствуйте! Ваше обращение принято в работу. Проверка ${Date.now()}`;
  await page.getByLabel('Ответ гражданину').fill(body);
  await page.getByRole('button', { name: 'Отправить ответ' }).click();
  await expect(pending(page, 0)).toBeVisible();

  const operator = await login('operator');
  await expect
    .poll(async () => [...(await snapshot(operator)).replies.values()].filter((r) => r.body === body).length)
    .toBe(1);
  const reply = [...(await snapshot(operator)).replies.values()].find((r) => r.body === body)!;
  expect(reply.appealId).toBe(appealId);
  expect(reply.authorId).toBe(operator.user.id);
});

test('offline: a status change and a reply survive a reload and reach the server exactly once', async ({ page, context }) => {
  // An appeal of its own, not yet taken in work, so that «В работе» is a change of status whatever
  // the tests before this one did to the operator's queue.
  const appealId = (await giveAppeals('operator', [{ text: 'На улице Пионерской в Майкопе вторую неделю не убирают мусорные баки.', author: 'Сусана Шеуджен' }]))[0]!;
  const operator = await login('operator');
  expect(['new', 'assigned']).toContain((await snapshot(operator)).appeals.get(appealId)!.status);

  await loginAs(page, 'operator');
  await waitForSynced(page);
  await waitForOfflineShell(page);
  // The newest appeal is due last, so it may sit below the fold of the virtualized list.
  await queue(page).focus();
  await page.keyboard.press('End');
  await expect(queueRow(page, appealId)).toBeVisible();

  await context.setOffline(true);
  await queueRow(page, appealId!).click();
  await page.getByLabel('Статус').selectOption({ label: 'В работе' });
  const body = `Офлайн-ответ: бригада выедет на место в течение недели. ${Date.now()}`;
  await page.getByLabel('Ответ гражданину').fill(body);
  await page.getByRole('button', { name: 'Отправить ответ' }).click();
  await expect(pending(page, 2)).toBeVisible();

  await page.reload();
  await expect(queue(page)).toBeVisible();
  await expect(pending(page, 2)).toBeVisible();

  await context.setOffline(false);
  await expect(pending(page, 0)).toBeVisible({ timeout: 30_000 });
  const after = await snapshot(operator);
  expect([...after.replies.values()].filter((r) => r.body === body)).toHaveLength(1);
  // The reply answered the appeal after it was taken in work.
  expect(after.appeals.get(appealId!)!.status).toBe('answered');
});

test('a supervisor reassignment takes the appeal out of the clerk queue without a reload', async ({ page }) => {
  await loginAs(page, 'operator');
  await waitForSynced(page);
  const appealId = await firstQueuedAppealId(page, 1);
  const curator = await login('curator');
  const { appeals, users } = await snapshot(curator);
  const operator = await login('operator');
  const colleague = [...users.values()].find(
    (u) => u.role === 'clerk' && u.municipalityId === operator.user.municipalityId && u.id !== operator.user.id,
  );
  expect(colleague, 'the demo region has a second clerk in Майкоп').toBeTruthy();
  const result = await push(curator, [
    { id: crypto.randomUUID(), name: 'appeal.assign', args: { appealId, assigneeId: colleague!.id, baseVersion: appeals.get(appealId)!.version } },
  ]);
  expect(result.results[0]!.status).toBe('applied');
  await expect(queueRow(page, appealId)).toHaveCount(0, { timeout: 5_000 });
});

test('an appeal submitted to intake appears in its assignee queue within 2 seconds', async ({ browser }) => {
  const curator = await login('curator');
  const { users } = await snapshot(curator);
  const clerks = [...users.values()].filter((u) => u.role === 'clerk' && u.municipalityId === 'takhtamukaysky');
  expect(clerks.length).toBeGreaterThan(0);
  // Every clerk who could be chosen is logged in and watching their queue.
  const pages = new Map<string, import('@playwright/test').Page>();
  for (const clerk of clerks) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await loginAs(page, clerk.username);
    await waitForSynced(page);
    pages.set(clerk.id, page);
  }
  const countsBefore = new Map<string, number>();
  for (const [id, p] of pages) countsBefore.set(id, await queueCount(p));
  const created = await intake({
    source: 'vk',
    externalRef: `https://vk.com/wall-1_${Date.now()}`,
    author: { name: 'Заур Хачемизов', profileUrl: 'https://vk.com/id1' },
    text: 'В посёлке Яблоновский на улице Гагарина третий день нет воды. Когда дадут?',
    settlement: 'Яблоновский',
  });
  expect(created.municipalityId).toBe('takhtamukaysky');
  const page = pages.get(created.assigneeId!);
  expect(page, 'the assignee is a clerk of Тахтамукайский район').toBeTruthy();
  // The new appeal is due later than the ones already waiting, so it may sit below the fold of
  // the virtualized list: the live count proves it arrived, End scrolls to it.
  const countBefore = countsBefore.get(created.assigneeId!)!;
  await expect.poll(() => queueCount(page!), { timeout: 2_000, intervals: [100] }).toBe(countBefore + 1);
  await queue(page!).focus();
  await page!.keyboard.press('End');
  await expect(queueRow(page!, created.id)).toBeVisible();
  for (const p of pages.values()) await p.context().close();
});
