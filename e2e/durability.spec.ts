import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, expect, test, type BrowserContext, type Page } from '@playwright/test';
import { BASE_URL, login, snapshot } from './support/api';
import { chromiumLaunchOptions } from './support/chromium';
import { pending, queue, queueRow, waitForOfflineShell, waitForSynced } from './support/workstation';

/**
 * Strict durability: the outbox and the drafts are committed to disk before the workstation says
 * so. The browser is killed (SIGKILL, no shutdown) right after a reply is sent offline, and
 * reopened on the same profile: the reply is still waiting and reaches the server exactly once,
 * and the draft being typed elsewhere is still there. (Chromium writes localStorage lazily, so a
 * kill soon after logging in may cost the stored session in browser mode; the person then logs
 * in again and the outbox, which is theirs, goes out.)
 */

let profile: string;

test.beforeEach(() => {
  profile = mkdtempSync(join(tmpdir(), 'otklik-durability-'));
});

test.afterEach(() => {
  rmSync(profile, { recursive: true, force: true });
});

function launch(): Promise<BrowserContext> {
  return chromium.launchPersistentContext(profile, {
    ...chromiumLaunchOptions(),
    baseURL: BASE_URL,
    locale: 'ru-RU',
    timezoneId: 'Europe/Moscow',
  });
}

/** The processes of the browser this test launched on its own profile. */
function browserPids(): number[] {
  let out = '';
  try {
    out = execFileSync('pgrep', ['-f', `user-data-dir=${profile}`], { encoding: 'utf8' });
  } catch {
    // pgrep exits 1 when nothing matches
  }
  return out.split('\n').map(Number).filter((pid) => pid > 0);
}

/**
 * Kills the browser without a chance to flush anything. The whole process group goes at once:
 * killing the listed pids one by one can miss a child spawned meanwhile, which keeps the
 * browser's stdio open, and Playwright then waits for the browser's exit for ever.
 */
async function killBrowser(context: BrowserContext): Promise<void> {
  const pids = browserPids();
  expect(pids.length).toBeGreaterThan(0);
  const groupsOf = (pids: number[]) => execFileSync('ps', ['-o', 'pgid=', '-p', pids.join(',')], { encoding: 'utf8' }).split('\n').map(Number);
  // Never the test's own group (Playwright starts the browser in a group of its own on Linux).
  const own = groupsOf([process.pid])[0];
  const groups = new Set(groupsOf(pids).filter((pgid) => pgid > 1 && pgid !== own));
  expect(groups.size).toBeGreaterThan(0);
  const closed = new Promise<void>((resolve) => context.once('close', () => resolve()));
  for (const group of groups) {
    try {
      process.kill(-group, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  await closed;
  await expect.poll(browserPids, { message: 'the killed browser is gone before the next one starts' }).toEqual([]);
}

/** Bodies of the pending replies in the workstation's outbox, read from IndexedDB directly. */
function outboxBodies(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const req = indexedDB.open('otklik');
    const db: IDBDatabase = await new Promise((resolve, reject) => {
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    if (!db.objectStoreNames.contains('outbox')) return [];
    const all: Array<{ name: string; state: string; args: { body?: string } }> = await new Promise((resolve) => {
      const r = db.transaction('outbox').objectStore('outbox').getAll();
      r.onsuccess = () => resolve(r.result);
    });
    db.close();
    return all.filter((e) => e.name === 'reply.submit' && e.state === 'pending').map((e) => e.args.body ?? '');
  });
}

async function open(context: BrowserContext): Promise<Page> {
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto('/');
  return page;
}

/** Logged in already (the session is kept), or logs in: the outbox belongs to the person either way. */
async function ensureLoggedIn(page: Page): Promise<void> {
  const login = page.getByRole('button', { name: 'Войти' });
  await expect(queue(page).or(login)).toBeVisible({ timeout: 30_000 });
  if (await login.isVisible()) {
    await page.getByLabel('Логин').fill('operator');
    await page.getByLabel('Пароль').fill('demo');
    await login.click();
  }
  await expect(queue(page)).toBeVisible({ timeout: 30_000 });
}

/** Records the durability of every writing transaction over the outbox or the drafts. */
function watchDurability(): void {
  const seen: string[] = [];
  (window as unknown as { __durability: string[] }).__durability = seen;
  const original = IDBDatabase.prototype.transaction;
  IDBDatabase.prototype.transaction = function (this: IDBDatabase, names: string | string[], mode?: IDBTransactionMode, options?: IDBTransactionOptions) {
    const tx = original.call(this, names, mode, options);
    const list = typeof names === 'string' ? [names] : [...names];
    if (mode === 'readwrite' && list.some((n) => n === 'outbox' || n === 'drafts')) seen.push(tx.durability);
    return tx;
  } as typeof original;
}

test('a reply sent offline and a draft survive the browser being killed right after', async () => {
  // Two browser starts on a fresh profile and two logins: more than the usual minute on a slow machine.
  test.setTimeout(120_000);
  let context = await launch();
  await context.addInitScript(watchDurability);
  let page = await open(context);
  await ensureLoggedIn(page);
  await waitForSynced(page);
  await waitForOfflineShell(page);
  const [replyAppeal, draftAppeal] = await queue(page)
    .locator('[data-appeal-id]')
    .evaluateAll((rows) => rows.slice(0, 2).map((r) => r.getAttribute('data-appeal-id')!));
  expect(draftAppeal).toBeTruthy();

  await context.setOffline(true);
  const draft = `Черновик, который нельзя потерять ${Date.now()}`;
  await queueRow(page, draftAppeal!).click();
  await page.getByLabel('Ответ гражданину').fill(draft);
  // Leaving the field saves the draft at once.
  await queueRow(page, replyAppeal!).click();
  const body = `Ответ, отправленный без связи перед сбоем ${Date.now()}`;
  await page.getByLabel('Ответ гражданину').fill(body);
  await page.getByRole('button', { name: 'Отправить ответ' }).click();
  // The workstation says it is queued: from here on it must survive anything.
  await expect(pending(page, 1)).toBeVisible();
  // Every write of the outbox and the drafts asked the browser to flush to disk before completing.
  const durability = await page.evaluate(() => (window as unknown as { __durability: string[] }).__durability);
  expect(durability.length).toBeGreaterThan(1);
  expect(new Set(durability)).toEqual(new Set(['strict']));
  await test.step('kill the browser', () => killBrowser(context));

  context = await launch();
  try {
    // The server cannot be reached yet: whatever the workstation shows comes from the disk.
    await context.route('**/api/**', (route) => route.abort('internetdisconnected'));
    page = await open(context);
    // The outbox entry is on disk (read straight from IndexedDB, before any login).
    await test.step('the outbox is on disk', () => expect.poll(() => outboxBodies(page)).toEqual([body]));

    await context.unroute('**/api/**');
    await ensureLoggedIn(page);
    await queueRow(page, draftAppeal!).click();
    await expect(page.getByLabel('Ответ гражданину')).toHaveValue(draft);
    await expect(pending(page, 0)).toBeVisible({ timeout: 30_000 });
    const operator = await login('operator');
    const sent = [...(await snapshot(operator)).replies.values()].filter((r) => r.body === body);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ appealId: replyAppeal, authorId: operator.user.id });
  } finally {
    await context.close();
  }
});
