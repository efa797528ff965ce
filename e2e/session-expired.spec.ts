import { expect, test } from '@playwright/test';
import { login, snapshot } from './support/api';
import { adminCall, createUser, setDisabled } from './support/admin';
import { appealFor } from './support/clerk-day';
import { pending, queue, queueRow, waitForSynced } from './support/workstation';

/**
 * A session the server no longer refreshes (here an administrator ended the person's sign-ins;
 * a spent refresh token reused past its grace window ends the same way): the workstation says in
 * Russian to sign in again, and the reply waiting to be sent and the draft being typed are still
 * there after the new sign-in.
 */
test('told to sign in again when the session ended; the unsent reply and the draft survive the new sign-in', async ({ page, context }) => {
  test.setTimeout(120_000);
  const admin = await login('admin');
  const person = await createUser(admin, { prefix: 'e2e.exp', role: 'clerk', municipalityId: 'maykop', displayName: 'Саида Хут', password: 'пароль-сх-1' });
  try {
    const appealId = await appealFor(person, { text: 'На остановке у рынка разбит павильон.', author: 'Аслан Тхагапсо' });

    await page.goto('/');
    await page.getByLabel('Логин').fill(person.username);
    await page.getByLabel('Пароль').fill('пароль-сх-1');
    await page.getByRole('button', { name: 'Войти' }).click();
    await waitForSynced(page);
    await expect(queueRow(page, appealId)).toBeVisible();

    // Offline: a reply waits in the outbox, and the next one is being typed (a draft).
    await context.setOffline(true);
    await queueRow(page, appealId).click();
    const body = `Павильон заменят на этой неделе. ${Date.now()}`;
    await page.getByLabel('Ответ гражданину').fill(body);
    await page.getByRole('button', { name: 'Отправить ответ' }).click();
    await expect(pending(page, 1)).toBeVisible();
    const draft = `Уточнение, которое ещё пишется ${Date.now()}`;
    await page.getByLabel('Ответ гражданину').fill(draft);
    await page.waitForTimeout(600); // the draft is stored 300 ms after the last keystroke

    await adminCall(admin, 'POST', `/users/${person.id}/sessions/end`);
    await context.setOffline(false);
    await expect(page.getByText('Сеанс истёк. Войдите снова — неотправленные изменения и черновики сохранены.')).toBeVisible({ timeout: 30_000 });
    await expect(queue(page)).toHaveCount(0);
    // The login is filled in: the person types the password only.
    await expect(page.getByLabel('Логин')).toHaveValue(person.username);
    await page.getByLabel('Пароль').fill('пароль-сх-1');
    await page.getByRole('button', { name: 'Войти' }).click();

    await expect(queue(page)).toBeVisible({ timeout: 30_000 });
    await expect(pending(page, 0)).toBeVisible({ timeout: 30_000 });
    await expect.poll(async () => [...(await snapshot(await login('curator'))).replies.values()].filter((r) => r.body === body).length).toBe(1);
    // Answered now, the appeal is under «Ответ отправлен»; the draft waits in its composer.
    await page.getByRole('button', { name: /^Ответ отправлен/ }).click();
    await queueRow(page, appealId).click();
    await expect(page.getByLabel('Ответ гражданину')).toHaveValue(draft);
  } finally {
    await setDisabled(admin, person.id, true);
  }
});
