import { expect, type Browser, type Page } from '@playwright/test';
import { loginAs, waitForSynced } from './workstation';

/** The supervisor's screens, driven as a curator would drive them. */

export async function openSection(page: Page, name: 'Очередь' | 'Сотрудники' | 'Согласование' | 'Просрочки' | 'Контроль исполнения' | 'Резонанс' | 'Чат-боты' | 'Аналитика' | 'Отчёты') {
  await page.getByRole('tab', { name }).click();
  await expect(page.getByRole('tab', { name })).toHaveAttribute('aria-selected', 'true');
}

/** A worklist number: «Ирина Петрова, Открыто: 12 — показать обращения». */
export function worklistNumber(page: Page, person: string, bucket: string) {
  return page.getByRole('button', { name: new RegExp(`^${person}, ${bucket}: \\d+`) });
}

export async function numberOf(locator: ReturnType<Page['getByRole']>): Promise<number> {
  return Number((await locator.textContent())?.replace(/\D/g, '') ?? 'NaN');
}

/** The rows of the drilled-down list of appeals. */
export function listRows(page: Page) {
  return page.locator('table.sv-table tbody tr[data-appeal-id]');
}

/** A second person on another computer: their own browser context, logged in and synced. */
export async function workstationOf(browser: Browser, username: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await loginAs(page, username);
  await waitForSynced(page);
  return page;
}
