/**
 * interaction: how fast the clerk's screen answers with 100,000 appeals in the local database,
 * beside the same actions with 1,000 — open an appeal, switch a view, apply a filter, search —
 * as p50 and p95 in milliseconds from the input to the next frame after the screen changed; a
 * change pulled from the server, from its write to the row showing it; and
 * a scroll through the whole list, 40 px a frame for 300 frames, counting the frames that stutter,
 * beside the same scroll over static copies of the rows (what the machine drops by itself); and a
 * page of 100 changed appeals as a pull writes it, beside the same page as one bulkPut.
 * The database is filled directly in the page (generated records, through the same Dexie schema
 * as a pull), not through the server. The actions are measured once the start-up work is done
 * (the queue's projection of the replica, the search index in its worker), whose times are
 * figures of their own.
 */
import { launchChromium } from './browser';
import { bundleEntry, openHarness, type PageCode } from './page-harness';
import { startPageProfile } from './page-profile';
import { figure, percentile } from './report';

// localhost is a secure context (crypto.randomUUID); every request is answered by the route below.
const ORIGIN = 'http://localhost:5999';
const LARGE = Number(process.env.OTKLIK_BENCH_INTERACTION_APPEALS ?? 100_000);
const SMALL = 1_000;
// A p95 of 40 samples is their second largest: one stall of the machine moves it. 100 make it the sixth.
const RUNS = { open: 100, view: 98, filter: 100, search: 100, live: 100 } as const;
type Kind = keyof typeof RUNS;
const SCROLL_FRAMES = 300;
const WHILE_INDEXING_OPENS = 20;
const DROPPED_FRAME_MS = 25;
const BULK_RUNS = 10;
// Each re-reads the whole replica: seconds apiece at 100,000.
const BULK_UNSLICED_RUNS = 3;

type SizeResult = Record<Kind, number[]> & {
  fillMs: number;
  mount: { firstRowsMs: number; fullIndexMs: number };
  searchIndexMs: number;
  /** Opens in the first seconds after a start, while the search worker reads the replica. */
  openWhileIndexing: number[];
  scroll: number[];
  /** The same scroll over static copies of the rows: the machine's own dropped frames. */
  scrollPlain: number[];
  /** A page of 100 changed appeals, written as a pull writes it, and as one bulkPut. */
  bulk: number[];
  bulkUnsliced: number[];
};

async function runSize(code: PageCode, appeals: number): Promise<SizeResult> {
  const browser = await launchChromium();
  try {
    const page = await openHarness(browser, code, ORIGIN, { width: 1366, height: 800 });
    const fillMs = await page.evaluate((n) => window.otklikInteraction!.fill(n), appeals);
    const stored = await page.evaluate(() => window.otklikInteraction!.count());
    if (stored !== appeals) throw new Error(`filled ${stored} appeals, expected ${appeals}`);
    const mount = await page.evaluate(() => window.otklikInteraction!.mount());
    await page.evaluate(() => window.otklikInteraction!.prepare('open'));
    const openWhileIndexing = await page.evaluate((n) => window.otklikInteraction!.measure('open', n), WHILE_INDEXING_OPENS);
    const searchIndexMs = await page.evaluate(() => window.otklikInteraction!.searchReady());
    const result = { fillMs, mount, searchIndexMs, openWhileIndexing } as SizeResult;
    for (const kind of Object.keys(RUNS) as Kind[]) {
      await page.evaluate((k) => window.otklikInteraction!.prepare(k), kind);
      // Two warm-up actions (first renders, JIT) are not counted.
      await page.evaluate((k) => window.otklikInteraction!.measure(k, 2), kind);
      const profiler = await startPageProfile(page);
      result[kind] = await page.evaluate(([k, n]) => window.otklikInteraction!.measure(k, n), [kind, RUNS[kind]] as const);
      await profiler?.stop(`interaction-${kind}-${appeals}`);
    }
    await page.evaluate(() => window.otklikInteraction!.scroll(30));
    result.scroll = await page.evaluate((n) => window.otklikInteraction!.scroll(n), SCROLL_FRAMES);
    result.scrollPlain = await page.evaluate((n) => window.otklikInteraction!.scrollPlain(n), SCROLL_FRAMES);
    // Last: the unsliced write makes the search worker rebuild its index, which would weigh on
    // whatever came after it.
    result.bulk = await page.evaluate((n) => window.otklikInteraction!.bulk(n, true), BULK_RUNS);
    result.bulkUnsliced = await page.evaluate((n) => window.otklikInteraction!.bulk(n, false), BULK_UNSLICED_RUNS);
    return result;
  } finally {
    await browser.close();
  }
}

export async function interactionBench(): Promise<void> {
  const code = await bundleEntry('bench-interaction.tsx');
  const small = await runSize(code, SMALL);
  const large = await runSize(code, LARGE);
  figure('interaction.appeals', LARGE, 'appeals');
  figure('interaction.fill_ms', Math.round(large.fillMs), 'ms');
  // The clerk's own queue shows first; the other views' counts once the whole replica is read.
  figure('interaction.first_rows_ms', Math.round(large.mount.firstRowsMs), 'ms');
  figure('interaction.full_index_ms', Math.round(large.mount.fullIndexMs), 'ms');
  // The search index, built in a worker after the queue's; the actions below are measured after
  // it, as the screen is used all day after the first seconds — and opens before it, apart.
  figure('interaction.search_index_ms', Math.round(large.searchIndexMs), 'ms');
  figure('interaction.open_while_indexing_p95_ms', percentile(large.openWhileIndexing, 95), 'ms');
  for (const kind of Object.keys(RUNS) as Kind[]) {
    figure(`interaction.${kind}_p50_ms`, percentile(large[kind], 50), 'ms');
    figure(`interaction.${kind}_p95_ms`, percentile(large[kind], 95), 'ms');
    figure(`interaction.${kind}_1k_p95_ms`, percentile(small[kind], 95), 'ms');
  }
  // A dropped frame: one that took more than one and a half frames of a 60 Hz display.
  const dropped = (lengths: number[]) => lengths.filter((ms) => ms > DROPPED_FRAME_MS).length;
  figure('interaction.scroll_frames', SCROLL_FRAMES, 'frames');
  figure('interaction.scroll_frame_p95_ms', percentile(large.scroll, 95), 'ms');
  figure('interaction.scroll_dropped_frames', dropped(large.scroll), 'frames');
  figure('interaction.scroll_1k_dropped_frames', dropped(small.scroll), 'frames');
  // Beside them, in the same page and run, the same scroll over static copies of the rows.
  figure('interaction.scroll_plain_dropped_frames', dropped(large.scrollPlain), 'frames');
  figure('interaction.scroll_plain_1k_dropped_frames', dropped(small.scrollPlain), 'frames');
  // A page of 100 changed appeals as the pull writes it (in slices Dexie reports by key), beside
  // the same page written as one bulkPut, which Dexie reports as the whole table changed.
  figure('interaction.bulk_p50_ms', percentile(large.bulk, 50), 'ms');
  figure('interaction.bulk_max_ms', Math.max(...large.bulk), 'ms');
  figure('interaction.bulk_1k_max_ms', Math.max(...small.bulk), 'ms');
  figure('interaction.bulk_unsliced_p50_ms', percentile(large.bulkUnsliced, 50), 'ms');
  figure('interaction.bulk_unsliced_1k_p50_ms', percentile(small.bulkUnsliced, 50), 'ms');
}
