import { expect, test } from '@playwright/test';
import { login, push, snapshot } from './support/api';
import { adminCall, openConsole } from './support/admin';
import { appealFor, expectAccessible } from './support/clerk-day';
import { loginAs, waitForSynced } from './support/workstation';

/**
 * «Согласование ответов» in the administrator's console: the stored approval policy as rules in
 * words, a rule added (refused with the reason while it names no source, nothing typed lost), and
 * the next reply of that body from that source waits for a supervisor.
 */
test('an administrator makes e-mail replies of Шовгеновский район wait for approval, and the next one does', async ({ page }) => {
  const admin = await login('admin');
  const before = await adminCall<{ rules: Record<string, string[]> }>(admin, 'GET', '/approval-policy');
  try {
    await loginAs(page, 'admin');
    await waitForSynced(page);
    await openConsole(page, 'Согласование ответов');
    // The policy the server started with (OTKLIK_APPROVAL=giaginsky:*), in words.
    await expect(page.getByText('Все ответы органа «Гиагинский район» ждут согласования.')).toBeVisible();
    await expectAccessible(page, 'the approval policy');

    await page.getByRole('button', { name: 'Добавить правило' }).click();
    const rule = page.getByRole('group', { name: 'Правило 2' });
    await rule.getByLabel('Орган').selectOption({ label: 'Шовгеновский район' });
    await rule.getByLabel('Все источники').uncheck();
    await page.getByRole('button', { name: 'Сохранить' }).click();
    await expect(page.getByRole('alert')).toHaveText('Исправьте отмеченные правила: ничего не сохранено.');
    await expect(rule.getByText('Отметьте хотя бы один источник или «Все источники».')).toBeVisible();
    await expect(rule.getByLabel('Орган')).toHaveValue('shovgenovsky');

    await rule.getByRole('group', { name: 'Источники' }).getByLabel('Эл. почта').check();
    await expect(rule.getByText('Ответы органа «Шовгеновский район» из источников: Эл. почта — ждут согласования.')).toBeVisible();
    await page.getByRole('button', { name: 'Сохранить' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Правила согласования сохранены' })).toBeVisible();
    await expect(page.getByRole('alert')).toHaveText('');

    // The server stored it, and applies it to the next reply: an e-mail appeal's answer is
    // submitted for approval; a VK appeal's in the same district still goes at once.
    expect(await adminCall(admin, 'GET', '/approval-policy')).toEqual({ rules: { ...before.rules, shovgenovsky: ['email'] } });
    const clerk = await login('shovgenovsky.clerk1');
    const byEmail = await appealFor(clerk.user, { text: 'Прошу сообщить график приёма главы района', source: 'email' });
    const byVk = await appealFor(clerk.user, { text: 'Когда отремонтируют мост через Лабу?', source: 'vk' });
    const replies = [crypto.randomUUID(), crypto.randomUUID()];
    const res = await push(clerk, [
      { id: crypto.randomUUID(), name: 'reply.submit', args: { replyId: replies[0], appealId: byEmail, body: 'Глава принимает по вторникам.' } },
      { id: crypto.randomUUID(), name: 'reply.submit', args: { replyId: replies[1], appealId: byVk, body: 'Мост отремонтируют в июне.' } },
    ]);
    expect(res.results.map((r) => r.status)).toEqual(['applied', 'applied']);
    const pulled = (await snapshot(clerk)).replies;
    expect([pulled.get(replies[0]!)?.state, pulled.get(replies[1]!)?.state]).toEqual(['submitted', 'published']);

    // Every change is in the log with before and after.
    const { entries } = await adminCall<{ entries: Array<{ data: { action: string; after: unknown } }> }>(admin, 'GET', '/audit?kind=admin.change');
    expect(entries.find((e) => e.data.action === 'approvalPolicy.update')?.data.after).toEqual({ rules: { ...before.rules, shovgenovsky: ['email'] } });
  } finally {
    await adminCall(admin, 'PUT', '/approval-policy', before);
  }
});
