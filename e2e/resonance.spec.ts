import { expect, test } from '@playwright/test';
import { intake, login, snapshot } from './support/api';
import { expectAccessible } from './support/clerk-day';
import { loginAs, waitForSynced } from './support/workstation';

/**
 * The resonance watch: rubbish is not collected across one district today, many more complaints
 * than it usually has; the curator is told, and the panel shows the cluster with where it comes from.
 */

const SETTLEMENTS = ['Кошехабль', 'Дмитриевский', 'Майский', 'Натырбово'];
const SOURCES = ['vk', 'ok', 'telegram'] as const;

test('a spike of «вывоз мусора» in one district raises a resonance notice and shows on the «Резонанс» panel', async ({ page }) => {
  const stamp = Date.now();
  for (let i = 0; i < 16; i++) {
    const created = await intake({
      source: SOURCES[i % SOURCES.length],
      externalRef: `https://vk.com/wall-1_resonance${stamp}_${i}`,
      author: { name: `Житель ${i + 1}`, profileUrl: `https://vk.com/id${stamp % 100000}${i}` },
      text: `Третий день не вывозят мусор, контейнеры переполнены (${i + 1})`,
      settlement: SETTLEMENTS[i % SETTLEMENTS.length],
    });
    expect(created.municipalityId).toBe('koshekhablsky');
  }

  await loginAs(page, 'curator');
  await waitForSynced(page);
  const bell = page.getByRole('button', { name: /^Уведомления \(\d+\)$/ });
  await expect(async () => {
    await bell.click();
    await expect(page.getByText('Резонанс: Вывоз мусора')).toBeVisible({ timeout: 2000 });
  }).toPass({ timeout: 30_000 });
  const notice = page.locator('.notification', { hasText: 'Резонанс: Вывоз мусора' });
  await expect(notice).toContainText(/Кошехабльский район: сегодня обращений — \d+/);
  await notice.getByRole('button', { name: 'Открыть «Резонанс»' }).click();

  await expect(page.getByRole('tab', { name: 'Резонанс' })).toHaveAttribute('aria-selected', 'true');
  const cluster = page.getByRole('list', { name: 'Растущие темы' }).getByRole('button', { name: /Вывоз мусора — Кошехабльский район/ });
  await cluster.click();
  await expect(cluster).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByRole('heading', { name: /Вывоз мусора — Кошехабльский район, сегодня/ })).toContainText(/обращений: (1[6-9]|[2-9]\d)/);
  await expect(page.locator('.resonance-breakdown')).toContainText('ВКонтакте');
  await expect(page.locator('.resonance-breakdown')).toContainText('Натырбово');
  await expectAccessible(page, 'the «Резонанс» panel');

  // The thresholds are the supervisor's: one so high that nothing alarms empties the panel, and a
  // nonsense one is refused in Russian without losing what was typed.
  await page.getByText('Пороги', { exact: true }).click();
  await page.getByLabel('Во сколько раз больше обычного').fill('0');
  await page.getByRole('button', { name: 'Сохранить пороги' }).click();
  await expect(page.getByRole('alert')).toContainText('Проверьте пороги');
  await expect(page.getByLabel('Во сколько раз больше обычного')).toHaveValue('0');
  await page.getByLabel('Во сколько раз больше обычного').fill('3');
  await page.getByLabel('Не меньше обращений за день').fill('10000');
  await page.getByRole('button', { name: 'Сохранить пороги' }).click();
  await expect(page.getByText('Всплесков сегодня нет.')).toBeVisible();
  await page.getByLabel('Не меньше обращений за день').fill('5');
  await page.getByRole('button', { name: 'Сохранить пороги' }).click();
  await expect(cluster).toBeVisible();

  // The cluster is one problem: its appeals are linked into a new one from the panel.
  await cluster.click();
  await page.getByRole('button', { name: 'Объединить в проблему' }).click();
  await expect(page.getByText(/^Проблема создана, обращений в ней: (1[6-9]|[2-9]\d)\.$/)).toBeVisible();
  const curator = await login('curator');
  await expect
    .poll(async () => {
      const ours = [...(await snapshot(curator)).appeals.values()].filter((a) => a.externalRef.includes(`resonance${stamp}_`));
      const problems = new Set(ours.map((a) => a.problemId ?? 'none'));
      return ours.length === 16 && problems.size === 1 && !problems.has('none');
    }, { timeout: 15_000 })
    .toBe(true);
});
