import { expect, test } from '@playwright/test';
import { intake, login, snapshot } from './support/api';
import { adminCall, openConsole } from './support/admin';
import { expectAccessible } from './support/clerk-day';
import { loginAs, waitForSynced } from './support/workstation';

/**
 * «Сроки ответа»: the administrator shortens the final term of VK appeals; a wrong number is
 * named and kept as typed; the next VK appeal taken in gets the region's term.
 */
test('an administrator sets 3 working days for VK appeals, and the next VK appeal is due then', async ({ page }) => {
  const admin = await login('admin');
  const before = await adminCall<Record<string, unknown>>(admin, 'GET', '/deadline-rules');
  try {
    await loginAs(page, 'admin');
    await waitForSynced(page);
    await openConsole(page, 'Сроки ответа');
    const amount = page.getByRole('textbox', { name: 'ВКонтакте: Окончательный ответ, количество' });
    const unit = page.getByRole('combobox', { name: 'ВКонтакте: Окончательный ответ, единица' });
    await expect(amount).toHaveValue('7');
    await expect(unit).toHaveValue('workingDays');
    await expectAccessible(page, 'the deadline rules');

    await amount.fill('три');
    await page.getByRole('button', { name: 'Сохранить сроки' }).click();
    await expect(page.getByRole('alert')).toHaveText('Исправьте 1 отмеченное поле: ничего не сохранено.');
    await expect(amount).toHaveAttribute('aria-invalid', 'true');
    await expect(amount).toHaveValue('три');

    await amount.fill('3');
    await page.getByRole('button', { name: 'Сохранить сроки' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Сроки сохранены' })).toBeVisible();

    // Received on Tuesday 1 December 2026 at 10:00 Moscow time: due at the end of Friday the 4th.
    const created = await intake({
      source: 'vk',
      externalRef: `https://vk.com/wall-1_${Date.now()}_deadline`,
      author: { name: 'Тимур Хачак' },
      text: 'Не вывозят мусор с улицы Шовгенова уже неделю',
      municipalityId: 'maykop',
      receivedAt: '2026-12-01T07:00:00.000Z',
    });
    const appeal = (await snapshot(await login('curator'))).appeals.get(created.id)!;
    expect(appeal.dueAt).toBe('2026-12-04T15:00:00.000Z');
  } finally {
    await adminCall(admin, 'PUT', '/deadline-rules', before);
  }
});
