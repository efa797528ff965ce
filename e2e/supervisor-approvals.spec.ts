import { expect, test, type Page } from '@playwright/test';
import { intake, login, snapshot } from './support/api';
import { openSection, workstationOf } from './support/supervisor';
import { loginAs, pending, queue, queueRow, waitForOfflineShell, waitForSynced } from './support/workstation';

/**
 * Approval in Гиагинский район (the e2e server requires it there): the curator returns a reply
 * with a comment, then approves the reworked one with an edit; the clerk sees each at once.
 */

async function openInQueue(page: Page, appealId: string): Promise<void> {
  await queue(page).focus();
  await page.keyboard.press('Home');
  for (let i = 0; i < 200 && (await queueRow(page, appealId).count()) === 0; i++) await page.keyboard.press('ArrowDown');
  await queueRow(page, appealId).click();
  await expect(page.locator(`article[data-appeal-id="${appealId}"]`)).toBeVisible();
}

async function sendReply(page: Page, body: string): Promise<void> {
  await page.getByLabel('Ответ гражданину').fill(body);
  // «На согласование» where replies wait for approval (the composer knows the policy), else «Отправить ответ».
  await page.getByRole('button', { name: /^(Отправить ответ|На согласование)$/ }).click();
  await expect(pending(page, 0)).toBeVisible({ timeout: 15_000 });
}

test('a returned reply comes back to the clerk with the comment; one approved offline is published with the edit once back online', async ({ page, browser }) => {
  const created = await intake({
    source: 'telegram',
    externalRef: `https://t.me/adygea_cur/e2e${Date.now()}`,
    author: { name: 'Галина Кравченко', profileUrl: 'https://t.me/galina_k' },
    text: 'В станице Гиагинской на улице Красной третий день не вывозят мусор, контейнеры переполнены.',
    settlement: 'Гиагинская',
  });
  expect(created.municipalityId).toBe('giaginsky');
  const { users } = await snapshot(await login('curator'));
  const clerk = users.get(created.assigneeId!)!;

  const clerkPage = await workstationOf(browser, clerk.username);
  await openInQueue(clerkPage, created.id);
  const draft = 'Здравствуйте! Мусор вывезут.';
  await sendReply(clerkPage, draft);
  await expect(clerkPage.locator('.thread-item').filter({ hasText: draft }).getByText('Отправлен')).toBeVisible();

  // The curator finds it waiting, opens it beside its appeal and returns it with a comment.
  await loginAs(page, 'curator');
  await waitForSynced(page);
  await openSection(page, 'Согласование');
  const item = page.locator(`li[data-appeal-id="${created.id}"]`);
  await expect(item).toBeVisible({ timeout: 10_000 });
  await item.getByRole('button').click();
  await expect(page.getByRole('heading', { name: 'Обращение от Галина Кравченко' })).toBeVisible();
  await expect(page.getByText('В станице Гиагинской на улице Красной')).toBeVisible();
  const comment = 'Укажите срок вывоза и телефон диспетчера регионального оператора.';
  await page.getByLabel('Комментарий исполнителю (при возврате на доработку)').fill(comment);
  await page.getByRole('button', { name: 'Вернуть на доработку' }).click();
  await expect(page.getByText('Ответ возвращён исполнителю на доработку.')).toBeVisible();
  await expect(item).toHaveCount(0);

  // The clerk sees the comment at once, and the text is back in the reply field.
  const notice = clerkPage.getByRole('region', { name: /Возвращено на доработку/ });
  await expect(notice).toBeVisible({ timeout: 10_000 });
  await expect(notice.getByText(comment)).toBeVisible();
  await notice.getByRole('button', { name: 'Открыть обращение' }).click();
  await expect(clerkPage.getByLabel('Ответ гражданину')).toHaveValue(draft);
  await expect(clerkPage.locator('.thread-item').filter({ hasText: draft }).getByText('Возвращён на доработку')).toBeVisible();
  await expect(clerkPage.getByText(`Ответ возвращён на доработку: «${comment}»`)).toBeVisible();

  // Reworked and sent again; the curator approves it with an edit of their own.
  const reworked = 'Здравствуйте! Мусор вывезут до 18:00 завтра. Диспетчер регоператора: 8 800 000-00-00.';
  await sendReply(clerkPage, reworked);
  await expect(notice).toHaveCount(0);
  await expect(item).toBeVisible({ timeout: 10_000 });
  await item.getByRole('button').click();
  const body = page.getByLabel(/^Текст ответа/);
  await expect(body).toHaveValue(reworked);
  const edited = `${reworked}\n\nАдминистрация МО «Гиагинский район»`;
  await body.fill(edited);
  // The curator's link drops just as they approve: the decision waits on the workstation,
  // survives a reload, and goes out when the network is back.
  await waitForOfflineShell(page);
  await page.context().setOffline(true);
  await page.getByRole('button', { name: 'Согласовать с правкой' }).click();
  await expect(page.getByText('Ответ согласован с правкой и будет опубликован.')).toBeVisible();
  await expect(pending(page, 1)).toBeVisible();
  await page.reload();
  await openSection(page, 'Согласование');
  await expect(pending(page, 1)).toBeVisible();
  await expect(item).toHaveCount(0);
  expect((await snapshot(await login(clerk.username))).appeals.get(created.id)?.status).not.toBe('answered');
  await page.context().setOffline(false);
  await expect(pending(page, 0)).toBeVisible({ timeout: 15_000 });

  // The clerk sees the reply published as edited and the appeal answered.
  const published = clerkPage.locator('.thread-item').filter({ hasText: 'Администрация МО «Гиагинский район»' });
  await expect(published.getByText('Опубликован')).toBeVisible({ timeout: 10_000 });
  await expect(clerkPage.getByText('Ответ согласован (с правкой куратора)')).toBeVisible();
  const server = await snapshot(await login(clerk.username));
  expect(server.appeals.get(created.id)?.status).toBe('answered');
  expect([...server.replies.values()].filter((r) => r.appealId === created.id).map((r) => [r.state, r.body])).toEqual(
    expect.arrayContaining([
      ['returned', draft],
      ['published', edited],
    ]),
  );
  await clerkPage.context().close();
});
