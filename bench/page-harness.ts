/**
 * A renderer entry bundled with esbuild and served to headless Chromium from an in-memory route:
 * the page-level benchmarks (interaction, dashboard) measure real components on a replica they
 * fill themselves, with no server behind them.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { build } from 'esbuild';
import type { Browser, Page } from '@playwright/test';

const ROOT = join(import.meta.dirname, '..');

export interface PageCode {
  js: string;
  css: string;
  /** Worker scripts by the file name the page asks for (`new URL('./x.worker.ts', import.meta.url)`). */
  workers: Record<string, string>;
}

/** The renderer's workers, bundled beside every page that may start them. */
const WORKERS = ['search/search.worker.ts'];

/** Bundles `renderer/<entry>` (a .tsx that sets document.title to 'ready' when it can be driven). */
export async function bundleEntry(entry: string): Promise<PageCode> {
  const out = mkdtempSync(join(tmpdir(), 'otklik-bench-page-'));
  const stem = basename(entry).replace(/\.tsx?$/, '');
  try {
    await build({
      entryPoints: { [stem]: join(ROOT, 'renderer', entry), ...Object.fromEntries(WORKERS.map((w) => [basename(w, '.ts'), join(ROOT, 'renderer', w)])) },
      bundle: true,
      format: 'esm',
      target: 'es2022',
      jsx: 'automatic',
      // A profiled run keeps the names, so that the profile says which function spent the time.
      ...(process.env.OTKLIK_BENCH_PROFILE ? { minifyWhitespace: true, minifySyntax: true } : { minify: true }),
      define: { 'process.env.NODE_ENV': '"production"', 'import.meta.env.PROD': 'true' },
      loader: { '.json': 'json', '.css': 'css' },
      outdir: out,
      logLevel: 'error',
      // Vite's `?url` asset imports (the PDF fonts) are not used on these pages.
      plugins: [
        {
          name: 'vite-url-stub',
          setup(b) {
            b.onResolve({ filter: /\?url$/ }, (args) => ({ path: args.path, namespace: 'url-stub' }));
            b.onLoad({ filter: /.*/, namespace: 'url-stub' }, () => ({ contents: 'export default "";', loader: 'js' }));
          },
        },
      ],
    });
    const workers = Object.fromEntries(
      WORKERS.map((w) => [basename(w), readFileSync(join(out, `${basename(w, '.ts')}.js`), 'utf8')]),
    );
    return { js: readFileSync(join(out, `${stem}.js`), 'utf8'), css: readFileSync(join(out, `${stem}.css`), 'utf8'), workers };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

const PAGE = `<!doctype html><html lang="ru"><head><meta charset="utf-8"><title>loading</title>
<link rel="stylesheet" href="/app.css"></head><body><div id="root"></div><script type="module" src="/app.js"></script></body></html>`;

/**
 * Opens the bundle at `origin` (a localhost one: a secure context, so crypto.randomUUID works)
 * and waits until it says it is ready. API calls get a 503, as from a server that is down.
 */
export async function openHarness(browser: Browser, code: PageCode, origin: string, viewport: { width: number; height: number }): Promise<Page> {
  const context = await browser.newContext({ viewport, locale: 'ru-RU', timezoneId: 'Europe/Moscow' });
  await context.route(`${origin}/**`, (route) => {
    const path = new URL(route.request().url()).pathname;
    if (path === '/app.js') return route.fulfill({ contentType: 'text/javascript', body: code.js });
    if (path === '/app.css') return route.fulfill({ contentType: 'text/css', body: code.css });
    const worker = code.workers[path.slice(1)];
    if (worker !== undefined) return route.fulfill({ contentType: 'text/javascript', body: worker });
    if (path.startsWith('/api/')) return route.fulfill({ status: 503, contentType: 'application/json', body: '{"error":{"code":"internal_error","message":"no server in this benchmark"}}' });
    return route.fulfill({ contentType: 'text/html', body: PAGE });
  });
  const page = await context.newPage();
  page.on('pageerror', (e) => console.error('page error:', e.message));
  await page.goto(`${origin}/`);
  await page.waitForFunction(() => document.title === 'ready');
  return page;
}
