/**
 * Where a bootstrap's time goes (not part of `npm run bench`): server page time alone, network
 * and JSON in the page, IndexedDB writes alone. `npx tsx bench/bootstrap-profile.ts`.
 */
import { launchChromium } from './browser';
import { loginToken, startBenchServer } from './server-process';
import { THREAD_FRAMES_TYPE } from '../shared/thread-frames';

const APPEALS = Number(process.env.OTKLIK_BENCH_APPEALS ?? 100_000);
const LIMIT = Number(process.env.OTKLIK_BENCH_LIMIT ?? 5000);

const server = await startBenchServer({ port: 18911, appeals: APPEALS });
const browser = await launchChromium();
try {
  if (process.env.OTKLIK_PROFILE === 'rows') {
    // What the appeal row's stored shape costs, the same rows written four ways in one page.
    const token = await loginToken(server.url, 'curator');
    const page = await browser.newPage();
    await page.goto(`${server.url}/bench.html`);
    await page.waitForFunction(() => document.getElementById('bench-state')?.textContent === 'ready');
    const v = await page.evaluate(([u, t]) => window.otklikBench!.rowVariants(u!, t!), [server.url, token] as const);
    const rate = (ms: number) => `${Math.round(ms)} ms, ${Math.round((v.rows / ms) * 1000)} rows/s`;
    console.log(`${v.rows} rows: as stored (indexes) ${rate(v.indexedMs)}; key only ${rate(v.plainMs)}; JSON string + indexes ${rate(v.stringIndexedMs)}; JSON string, key only ${rate(v.stringPlainMs)}; 100 rows a record ${rate(v.packedMs)}`);
  } else if (process.env.OTKLIK_PROFILE === 'snapshot') {
    // The phased download: each phase's server time from Node, then fetch+check and writes in the page.
    const token = await loginToken(server.url, 'curator');
    for (const [phase, limit] of [['mine', 500], ['open', 1000], ['rows', 5000], ['threads', 1000]] as const) {
      const started = performance.now();
      let after = '';
      let pages = 0;
      let size = 0;
      for (;;) {
        // The closed threads as the workstation asks for them: frames (shared/thread-frames.ts).
        const accept: Record<string, string> = phase === 'threads' ? { accept: THREAD_FRAMES_TYPE } : {};
        const res = await fetch(`${server.url}/api/v1/sync/snapshot?phase=${phase}&after=${encodeURIComponent(after)}&limit=${limit}`, { headers: { authorization: `Bearer ${token}`, ...accept } });
        const bytes = new Uint8Array(await res.arrayBuffer());
        const json = phase === 'threads' ? bytes.subarray(0, bytes.indexOf(0x0a)) : bytes;
        const body = JSON.parse(new TextDecoder().decode(json)) as { next: string | null };
        size += bytes.length;
        pages++;
        if (body.next === null) break;
        after = body.next;
      }
      console.log(`server ${phase}: ${pages} pages, ${(size / 1e6).toFixed(1)} MB, ${Math.round(performance.now() - started)} ms`);
    }
    const page = await browser.newPage();
    await page.goto(`${server.url}/bench.html`);
    await page.waitForFunction(() => document.getElementById('bench-state')?.textContent === 'ready');
    const profile = await page.evaluate(([u, t]) => window.otklikBench!.snapshotProfile(u!, t!), [server.url, token] as const);
    for (const [phase, p] of Object.entries(profile)) console.log(`page ${phase}: ${p.pages} pages, fetch+check ${Math.round(p.fetchMs)} ms, write ${Math.round(p.writeMs)} ms`);
  } else {
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
  }
} finally {
  await browser.close();
  await server.stop();
}
