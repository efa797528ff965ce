/**
 * Where a bootstrap's time goes (not part of `npm run bench`): server page time alone, network
 * and JSON in the page, IndexedDB writes alone. `npx tsx bench/bootstrap-profile.ts`.
 */
import { launchChromium } from './browser';
import { loginToken, startBenchServer } from './server-process';

const APPEALS = Number(process.env.OTKLIK_BENCH_APPEALS ?? 100_000);
const LIMIT = Number(process.env.OTKLIK_BENCH_LIMIT ?? 5000);

const server = await startBenchServer({ port: 18911, appeals: APPEALS });
const browser = await launchChromium();
try {
  const token = await loginToken(server.url, 'curator');
  // Server alone: every page fetched and its body read, from Node.
  let started = performance.now();
  let cursor = 0;
  let pages = 0;
  let bytes = 0;
  for (;;) {
    const res = await fetch(`${server.url}/api/v1/sync/pull?cursor=${cursor}&limit=${LIMIT}`, { headers: { authorization: `Bearer ${token}` } });
    const text = await res.text();
    bytes += text.length;
    const tail = text.slice(text.lastIndexOf('"cursor":'));
    const m = /"cursor":(\d+),"hasMore":(true|false)/.exec(tail)!;
    cursor = Number(m[1]);
    pages++;
    if (m[2] === 'false') break;
  }
  console.log(`server+node fetch: ${pages} pages, ${(bytes / 1e6).toFixed(0)} MB chars, ${Math.round(performance.now() - started)} ms`);

  const page = await browser.newPage();
  await page.goto(`${server.url}/bench.html`);
  await page.waitForFunction(() => document.getElementById('bench-state')?.textContent === 'ready');
  const fetchOnly = await page.evaluate(([u, t, l]) => window.otklikBench!.fetchOnly(u as string, t as string, l as number), [server.url, token, LIMIT] as const);
  console.log(`browser fetch+json: ${Math.round(fetchOnly.ms)} ms`);
  const pre = await page.evaluate(([u, t, l]) => window.otklikBench!.prefetch(u as string, t as string, l as number), [server.url, token, LIMIT] as const);
  console.log(`prefetch: ${JSON.stringify(pre)}`);
  const write = await page.evaluate(() => window.otklikBench!.writePrefetched());
  console.log(`writePage over prefetched: ${Math.round(write)} ms`);
  const rawAll = await page.evaluate(() => window.otklikBench!.rawBulkPutAll());
  console.log(`raw bulkPut all records: ${Math.round(rawAll)} ms`);
  const raw = await page.evaluate(() => window.otklikBench!.rawBulkPut());
  console.log(`raw bulkPut appeals: ${Math.round(raw)} ms`);
  started = performance.now();
  const run = await page.evaluate(([u, t, l]) => window.otklikBench!.bootstrap(u as string, t as string, l as number), [server.url, token, LIMIT] as const);
  console.log(`bootstrap: ${JSON.stringify(run)}`);
} finally {
  await browser.close();
  await server.stop();
}
