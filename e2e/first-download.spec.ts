import { expect, test, type Route } from '@playwright/test';
import { loginAs, queue } from './support/workstation';

/**
 * A supervisor's first sign-in at a new workstation: the queue is there before the closed appeals'
 * histories, a progress bar with counts says how much is still coming, and a closed appeal opened
 * meanwhile gets its thread on demand. The background phase is held back here (its pages wait for
 * the test) so that «meanwhile» lasts as long as the test needs.
 */
test('a supervisor works the queue while the histories download, and a closed appeal gets its thread on demand', async ({ page }) => {
  const held: Route[] = [];
  let release = false;
  await page.route(/\/api\/v1\/sync\/snapshot\?phase=threads/, (route) => {
    if (release) return route.continue();
    held.push(route);
  });

  await loginAs(page, 'curator');
  const bar = page.getByRole('progressbar');
  await expect(bar).toBeVisible({ timeout: 30_000 });
  await expect(bar).toHaveAccessibleName(/^Загружена история 0 из \d[\d\s]* закрыт/);
  await expect(bar).toHaveAttribute('aria-valuenow', '0');
  expect(Number(await bar.getAttribute('aria-valuemax'))).toBeGreaterThan(0);

  // The queue works: open appeals are listed and one opens with its history.
  const rows = queue(page).getByRole('option');
  await expect(rows.first()).toBeVisible();
  await rows.first().click();
  await expect(page.getByRole('heading', { level: 2, name: /^Обращение от / })).toBeVisible();
  await expect(page.getByText('История обращения ещё загружается', { exact: false })).toHaveCount(0);

  // A closed one («Ответ отправлен») opens from its row at once; its thread comes on demand.
  await page.getByRole('button', { name: /^Ответ отправлен/ }).click();
  await expect(rows.first()).toBeVisible();
  const threadAsked = page.waitForResponse((r) => /\/api\/v1\/sync\/thread\//.test(r.url()) && r.status() === 200);
  await rows.first().click();
  await expect(page.getByRole('heading', { level: 2, name: /^Обращение от / })).toBeVisible();
  await threadAsked;
  const history = page.getByRole('region', { name: 'История' }).or(page.locator('section[aria-labelledby="history-heading"]'));
  await expect(history.getByRole('listitem').first()).toBeVisible();
  await expect(page.getByText('История обращения ещё загружается', { exact: false })).toHaveCount(0);
  await expect(bar).toBeVisible();

  // The histories are let through: the bar goes when everything is here.
  release = true;
  for (const route of held.splice(0)) await route.continue();
  await expect(bar).toHaveCount(0, { timeout: 60_000 });
});
