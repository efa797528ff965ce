import { expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { intake, login, push, snapshot, type ApiAppeal, type Session } from './api';
import { queue } from './workstation';

/** Helpers of the clerk's-day tests: what a clerk sees, read from the page and from the server. */

export const OPEN = ['new', 'assigned', 'in_progress', 'clarification'];

/** The ids of the queue rows now in the DOM (the list is virtualized: the ones in view). */
export async function shownIds(page: Page): Promise<string[]> {
  return queue(page)
    .locator('[data-appeal-id]')
    .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-appeal-id')!));
}

/** The appeal open in the appeal view. */
export function openAppeal(page: Page) {
  return page.locator('article.appeal');
}

export async function openAppealId(page: Page): Promise<string | null> {
  return openAppeal(page).getAttribute('data-appeal-id');
}

/** A view's button: «Просроченные 3». */
export function viewButton(page: Page, label: string) {
  return page.getByRole('group', { name: 'Представления очереди' }).getByRole('button', { name: new RegExp(`^${label} \\d+$`) });
}

export async function viewCount(page: Page, label: string): Promise<number> {
  const text = (await viewButton(page, label).textContent()) ?? '';
  return Number(text.replace(/\D/g, ''));
}

/** The open appeals of a clerk, as the server has them. */
export async function serverAppeals(session: Session): Promise<Map<string, ApiAppeal>> {
  return (await snapshot(session)).appeals;
}

export async function clerk(username: string) {
  return login(username);
}

/** axe finds no serious or critical violation on what is on screen now. */
export async function expectAccessible(page: Page, what: string): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(
    bad.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join('; ')}`),
    `axe on ${what}`,
  ).toEqual([]);
}

/** A 1×1 PNG, the smallest real photo a test can attach. */
export const PNG_1X1 = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201e2a6b1d10000000049454e44ae426082',
  'hex',
);

type TestAppeal = { text: string; author?: string; address?: string; source?: string; priority?: 'normal' | 'urgent' };

/**
 * An appeal for a test of its own: taken in through the intake API for the person's municipality
 * and handed to them by the region's curator if routing chose someone else. Resolves with its id.
 */
export async function appealFor(person: { id: string; municipalityId: string | null }, a: TestAppeal, curator?: Session): Promise<string> {
  const created = await intake({
    source: a.source ?? 'vk',
    externalRef: `https://vk.com/wall-1_${Date.now()}_${Math.random().toString(36).slice(2)}`,
    author: { name: a.author ?? 'Марина Шхалахова', profileUrl: 'https://vk.com/id7' },
    text: a.text,
    municipalityId: person.municipalityId,
    address: a.address,
    priority: a.priority,
  });
  if (created.assigneeId !== person.id) {
    const by = curator ?? (await login('curator'));
    const appeal = (await snapshot(by)).appeals.get(created.id)!;
    const res = await push(by, [{ id: crypto.randomUUID(), name: 'appeal.assign', args: { appealId: created.id, assigneeId: person.id, baseVersion: appeal.version } }]);
    expect(res.results[0]!.status).toBe('applied');
  }
  return created.id;
}

/** Appeals for a test of its own, handed to a demo clerk (password `demo`): see appealFor. */
export async function giveAppeals(username: string, appeals: TestAppeal[]): Promise<string[]> {
  const me = await login(username);
  const curator = await login('curator');
  const ids: string[] = [];
  for (const a of appeals) ids.push(await appealFor(me.user, a, curator));
  return ids;
}
