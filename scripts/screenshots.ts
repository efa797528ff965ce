/**
 * `npx tsx scripts/screenshots.ts`: the three screens of the clerk's day — the queue, an appeal,
 * the composer — as docs/queue.png, docs/appeal.png and docs/composer.png, taken from the real
 * workstation (browser mode, built renderer) on a demo region served by a local regional server.
 * Build first (`npm run build`, or `npx vite build`).
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { spawnServer } from '../bench/spawn-server';
import { chromiumLaunchOptions } from '../e2e/support/chromium';

const ROOT = join(import.meta.dirname, '..');
const DOCS = join(ROOT, 'docs');
if (!existsSync(join(ROOT, 'dist/renderer/index.html'))) {
  console.error('The renderer is not built: run `npx vite build` first.');
  process.exit(2);
}
mkdirSync(DOCS, { recursive: true });

const dataDir = mkdtempSync(join(tmpdir(), 'otklik-shots-'));
const server = await spawnServer({ port: Number(process.env.PORT ?? 18931), env: { DATABASE_URL: '', OTKLIK_DATA_DIR: dataDir, OTKLIK_DEMO_APPEALS: '3000' } });
const browser = await chromium.launch({ ...chromiumLaunchOptions(), headless: true });
try {
  const page = await browser.newPage({ viewport: { width: 1440, height: 1000 }, locale: 'ru-RU', timezoneId: 'Europe/Moscow', deviceScaleFactor: 1 });
  await page.goto(server.url);
  await page.getByLabel('Логин').fill('operator');
  await page.getByLabel('Пароль').fill('demo');
  await page.getByRole('button', { name: 'Войти' }).click();
  const queue = page.getByRole('listbox', { name: 'Очередь обращений' });
  await queue.waitFor();
  await page.getByRole('status').filter({ hasText: 'В сети' }).waitFor({ timeout: 60_000 });
  await queue.locator('[data-appeal-id]').first().waitFor();

  // The queue: «Мои», sorted by deadline, one row marked for a bulk action.
  await queue.focus();
  await page.keyboard.press('j');
  await page.keyboard.press(' ');
  await page.screenshot({ path: join(DOCS, 'queue.png') });
  await page.keyboard.press('Escape');

  // An appeal, opened from the keyboard.
  await queue.focus();
  await page.keyboard.press('Home');
  await page.keyboard.press('Enter');
  await page.locator('article.appeal').waitFor();
  await page.screenshot({ path: join(DOCS, 'appeal.png') });

  // The composer with a template being chosen and a reply in progress.
  await page.keyboard.press('r');
  await page.keyboard.type('Здравствуйте! Ваше обращение принято в работу.');
  await page.getByRole('combobox', { name: 'Шаблон ответа' }).click();
  await page.keyboard.type('ответ');
  const composer = page.locator('.reply-composer');
  await composer.scrollIntoViewIfNeeded();
  await page.evaluate(() => document.querySelector('.reply-composer')?.scrollIntoView({ block: 'start' }));
  await page.screenshot({ path: join(DOCS, 'composer.png') });
  console.log('docs/queue.png, docs/appeal.png, docs/composer.png written');
} finally {
  await browser.close();
  await server.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
