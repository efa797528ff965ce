import { expect, test } from '@playwright/test';
import { intake, login, snapshot } from './support/api';
import { adminCall, openConsole } from './support/admin';
import { expectAccessible } from './support/clerk-day';
import { loginAs, waitForSynced } from './support/workstation';

/**
 * «Календарь»: the administrator adds a regional day off; a Saturday is refused with the reason;
 * the next appeal's deadline is counted past the new day off.
 */
test('a regional day off moves the next appeal’s deadline by a working day', async ({ page }) => {
  const admin = await login('admin');
  const before = await adminCall<{ holidays: string[]; workdays: string[] }>(admin, 'GET', '/calendar');
  try {
    await loginAs(page, 'admin');
    await waitForSynced(page);
    await openConsole(page, 'Календарь');
    const holidays = page.getByRole('region', { name: 'Региональные нерабочие дни' });
    await expect(holidays.getByText('Своих нерабочих дней нет.')).toBeVisible();
    await expectAccessible(page, 'the regional calendar');

    await holidays.getByLabel('Нерабочий день').fill('2026-12-05');
    await holidays.getByRole('button', { name: 'Добавить' }).click();
    await expect(holidays.getByRole('alert')).toHaveText('Это суббота или воскресенье: выходной и так.');
    await expect(holidays.getByLabel('Нерабочий день')).toHaveValue('2026-12-05');

    await holidays.getByLabel('Нерабочий день').fill('2026-12-04');
    await holidays.getByRole('button', { name: 'Добавить' }).click();
    await expect(holidays.getByRole('listitem')).toHaveText(/пятница, 4 декабря 2026/);
    await expect(page.getByRole('status').filter({ hasText: 'Добавлено:' })).toBeVisible();
    expect(await adminCall(admin, 'GET', '/calendar')).toEqual({ holidays: ['2026-12-04'], workdays: [] });

    // Received on Tuesday 1 December at 10:00 Moscow time: seven working days end on the 11th, not the 10th.
    const created = await intake({
      source: 'vk',
      externalRef: `https://vk.com/wall-1_${Date.now()}_calendar`,
      author: { name: 'Аминет Гучетль' },
      text: 'Не работает светофор на перекрёстке Пролетарской и Краснооктябрьской',
      municipalityId: 'maykop',
      receivedAt: '2026-12-01T07:00:00.000Z',
    });
    expect((await snapshot(await login('curator'))).appeals.get(created.id)!.dueAt).toBe('2026-12-11T15:00:00.000Z');

    await holidays.getByRole('button', { name: /^Убрать: пятница, 4 декабря 2026/ }).click();
    await expect(holidays.getByText('Своих нерабочих дней нет.')).toBeVisible();
  } finally {
    await adminCall(admin, 'PUT', '/calendar', before);
  }
});
