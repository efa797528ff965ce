import { expect, test } from '@playwright/test';
import { intake, login, push, snapshot } from './support/api';
import { loginAs, waitForSynced } from './support/workstation';

/** A clerk can reach none of the supervisors' tools: not in the workstation, not through the API. */

const SUPERVISOR_TABS = ['Сотрудники', 'Согласование', 'Просрочки', 'Контроль исполнения', 'Резонанс', 'Чат-боты', 'Аналитика', 'Отчёты'];

test('a clerk sees no supervisor sections; a curator sees all of them', async ({ page, browser }) => {
  await loginAs(page, 'operator');
  await waitForSynced(page);
  await expect(page.getByRole('tablist', { name: 'Разделы куратора' })).toHaveCount(0);
  for (const name of SUPERVISOR_TABS) {
    await expect(page.getByRole('tab', { name })).toHaveCount(0);
    await expect(page.getByRole('heading', { name })).toHaveCount(0);
  }
  await expect(page.getByRole('button', { name: /Выгрузить в Excel|Скачать сводку/ })).toHaveCount(0);

  const context = await browser.newContext();
  const curator = await context.newPage();
  await loginAs(curator, 'curator');
  await expect(curator.getByRole('tablist', { name: 'Разделы куратора' })).toBeVisible();
  for (const name of ['Очередь', ...SUPERVISOR_TABS]) await expect(curator.getByRole('tab', { name })).toBeVisible();
  await context.close();
});

test('the server refuses every supervisor change to a clerk', async () => {
  // A new appeal in Гиагинский район, where replies wait for approval, answered by its clerk.
  const created = await intake({
    source: 'vk',
    externalRef: `https://vk.com/wall-1_roles${Date.now()}`,
    author: { name: 'Виктор Семёнов', profileUrl: 'https://vk.com/id7' },
    text: 'В станице Гиагинской на улице Ленина не горят фонари.',
    settlement: 'Гиагинская',
  });
  expect(created.municipalityId).toBe('giaginsky');
  const { users } = await snapshot(await login('curator'));
  const clerks = [...users.values()].filter((u) => u.role === 'clerk' && u.municipalityId === 'giaginsky');
  const assignee = clerks.find((u) => u.id === created.assigneeId)!;
  const author = await login(assignee.username);
  const colleague = await login(clerks.find((u) => u.id !== assignee.id)!.username);
  const appeal = (await snapshot(author)).appeals.get(created.id)!;
  const replyId = crypto.randomUUID();
  const sent = await push(author, [{ id: crypto.randomUUID(), name: 'reply.submit', args: { replyId, appealId: appeal.id, body: 'Ответ на согласование.' } }]);
  expect(sent.results[0]!.status).toBe('applied');
  expect((await snapshot(author)).replies.get(replyId)?.state).toBe('submitted');

  // The colleague sees the appeal and the reply, but is a clerk.
  const results = await push(colleague, [
    { id: crypto.randomUUID(), name: 'reply.approve', args: { replyId, appealId: appeal.id } },
    { id: crypto.randomUUID(), name: 'reply.return', args: { replyId, appealId: appeal.id, comment: 'Переделать' } },
    { id: crypto.randomUUID(), name: 'appeal.assign', args: { appealId: appeal.id, assigneeId: colleague.user.id, baseVersion: appeal.version, reason: 'Заберу себе' } },
    { id: crypto.randomUUID(), name: 'appeal.reassignMunicipality', args: { appealId: appeal.id, municipalityId: 'maykop', reason: 'Не наше', baseVersion: appeal.version } },
  ]);
  expect(results.results.map((r) => [r.status, r.code])).toEqual([
    ['rejected', 'forbidden'],
    ['rejected', 'forbidden'],
    ['rejected', 'forbidden'],
    ['rejected', 'forbidden'],
  ]);
  const after = await snapshot(author);
  expect(after.replies.get(replyId)?.state).toBe('submitted');
  expect(after.appeals.get(appeal.id)).toMatchObject({ assigneeId: author.user.id, municipalityId: 'giaginsky' });

  // The same reply is the head of the municipality's to decide.
  const head = await login('giaginsky.head');
  const decided = await push(head, [{ id: crypto.randomUUID(), name: 'reply.return', args: { replyId, appealId: appeal.id, comment: 'Укажите сроки.' } }]);
  expect(decided.results[0]!.status).toBe('applied');
});
