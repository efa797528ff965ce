import { expect, test } from '@playwright/test';
import { login, push, snapshot } from './support/api';
import { loginAs, pending, queue, queueRow, waitForSynced } from './support/workstation';

/**
 * A scope change while offline: the clerk answers an appeal without a network; meanwhile the
 * curator reassigns it to a clerk of another municipality. When the clerk reconnects, the reply
 * still reaches the server, attributed to them; the new assignee sees it; and the appeal leaves
 * the clerk's queue.
 */
test('a reply written offline to an appeal reassigned meanwhile reaches the new assignee', async ({ page, context }) => {
  await loginAs(page, 'operator');
  await waitForSynced(page);
  const operator = await login('operator');
  const curator = await login('curator');
  const before = await snapshot(curator);
  const ids = await queue(page).locator('[data-appeal-id]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-appeal-id')!));
  // The last in the queue: the other tests of this server take theirs from the top.
  const appealId = ids.at(-1)!;
  expect(before.appeals.get(appealId)?.assigneeId).toBe(operator.user.id);
  const newAssignee = [...before.users.values()].find((u) => u.role === 'clerk' && u.municipalityId !== operator.user.municipalityId);
  expect(newAssignee, 'the demo region has clerks in other municipalities').toBeTruthy();

  await context.setOffline(true);
  await queueRow(page, appealId).click();
  const body = `Ответ без связи: проверка выполнена, вопрос передан подрядчику. ${Date.now()}`;
  await page.getByLabel('Ответ гражданину').fill(body);
  await page.getByRole('button', { name: 'Отправить ответ' }).click();
  await expect(pending(page, 1)).toBeVisible();

  // Meanwhile, on the server: the curator hands the appeal to another municipality's clerk.
  const moved = await push(curator, [
    { id: crypto.randomUUID(), name: 'appeal.assign', args: { appealId, assigneeId: newAssignee!.id, baseVersion: before.appeals.get(appealId)!.version } },
  ]);
  expect(moved.results[0]).toMatchObject({ status: 'applied' });

  await context.setOffline(false);
  await expect(pending(page, 0)).toBeVisible({ timeout: 30_000 });
  // Not refused: nothing waits in «Отклонено».
  await expect(page.getByText(/^Отклонено:/)).toHaveCount(0);

  const assignee = await login(newAssignee!.username);
  const seen = await snapshot(assignee);
  expect(seen.appeals.get(appealId)?.assigneeId).toBe(newAssignee!.id);
  const replies = [...seen.replies.values()].filter((r) => r.body === body);
  expect(replies).toHaveLength(1);
  expect(replies[0]).toMatchObject({ appealId, authorId: operator.user.id });

  await expect(queueRow(page, appealId)).toHaveCount(0, { timeout: 10_000 });
  expect((await snapshot(operator)).appeals.has(appealId)).toBe(false);
  // Nothing of it stays behind in the clerk's local database.
  const left = await page.evaluate(async (id) => {
    const open = indexedDB.open('otklik');
    const db: IDBDatabase = await new Promise((resolve, reject) => {
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const count = (store: string) =>
      new Promise<number>((resolve) => {
        const req = db.transaction(store).objectStore(store).index('appealId').count(id);
        req.onsuccess = () => resolve(req.result);
      });
    const result = { replies: await count('replies'), notes: await count('notes') };
    db.close();
    return result;
  }, appealId);
  expect(left).toEqual({ replies: 0, notes: 0 });
});
