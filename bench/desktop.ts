/**
 * desktop: the workstation's memory on an old office PC after a clerk's whole day. The renderer,
 * bundled as for production (minified, NODE_ENV=production), runs in headless Chromium on a
 * replica of 100,000 appeals; eight "hours" of a clerk's actions are played back to back (each
 * hour: opening appeals, switching views, filtering, searching, changes pulled from the server,
 * a bulk reassignment arriving, scrolling, and replies typed into the composer). After each hour
 * the page's garbage is collected and its JavaScript heap read through the DevTools protocol.
 *
 * Figures: `desktop.heap_mb` after the last hour (< 400), and `desktop.heap_growth_mb` from the
 * end of the second hour to the end of the last (< 20: the first hour still warms caches, the
 * search index and the projection; what grows after that is a leak). The DOM node and listener
 * counts beside them tell a leak of detached elements from one of objects; `desktop.renderer_pss_mb`
 * is the whole renderer process (heap, Blink, caches, workers) as Linux counts it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { bundleEntry, openHarness } from './page-harness';
import { launchChromium } from './browser';
import { figure } from './report';

const ORIGIN = 'http://localhost:5998';
const APPEALS = Number(process.env.OTKLIK_BENCH_DESKTOP_APPEALS ?? 100_000);
const HOURS = Number(process.env.OTKLIK_BENCH_DESKTOP_HOURS ?? 8);
/**
 * One hour of a busy clerk, compressed: about what a municipal clerk does with the queue in an
 * hour (dozens of appeals opened, a reply every few minutes), with the pulled changes of a region
 * whose other clerks are working too.
 */
const HOUR = { open: 60, view: 24, filter: 16, search: 16, live: 60, bulk: 2, scrollFrames: 120, compose: 12 } as const;

/** The processes under this one (the bench's Chromium and its children), from /proc. */
function descendants(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // The parent pid is the 4th field, after the command name in parentheses (which may hold spaces).
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // the process ended while we looked
    }
  }
  const out: number[] = [];
  const walk = (pid: number) => (children.get(pid) ?? []).forEach((c) => (out.push(c), walk(c)));
  walk(root);
  return out;
}

/**
 * The proportional set size of the page's renderer processes (the page, its workers, Blink's
 * caches): what the PC gives the workstation's screen beyond its JavaScript heap. Linux only;
 * NaN elsewhere.
 */
function rendererPssMb(): number {
  try {
    let kb = 0;
    for (const pid of descendants(process.pid)) {
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (!cmdline.includes('--type=renderer')) continue;
      const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
      kb += Number(/^Pss:\s+(\d+)/m.exec(rollup)?.[1] ?? 0);
    }
    return kb / 1024;
  } catch {
    return Number.NaN;
  }
}

interface Reading {
  heapMb: number;
  rendererMb: number;
  nodes: number;
  listeners: number;
}

export async function desktopBench(): Promise<void> {
  const code = await bundleEntry('bench-interaction.tsx');
  const browser = await launchChromium();
  try {
    const page = await openHarness(browser, code, ORIGIN, { width: 1366, height: 768 });
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('HeapProfiler.enable');
    const read = async (): Promise<Reading> => {
      // Twice: a first collection can leave what finalizers of the first freed.
      await cdp.send('HeapProfiler.collectGarbage');
      await cdp.send('HeapProfiler.collectGarbage');
      const heap = await cdp.send('Runtime.getHeapUsage');
      const dom = await cdp.send('Memory.getDOMCounters');
      return { heapMb: heap.usedSize / 1024 / 1024, rendererMb: rendererPssMb(), nodes: dom.nodes, listeners: dom.jsEventListeners };
    };

    await page.evaluate((n) => window.otklikInteraction!.fill(n), APPEALS);
    await page.evaluate(() => window.otklikInteraction!.mount());
    await page.evaluate(() => window.otklikInteraction!.searchReady());
    const start = await read();
    figure('desktop.appeals', APPEALS, 'appeals');
    figure('desktop.heap_start_mb', start.heapMb, 'MB');

    const hours: Reading[] = [];
    const started = performance.now();
    for (let hour = 1; hour <= HOURS; hour++) {
      const drafts = await page.evaluate(async (h) => {
        const api = window.otklikInteraction!;
        for (const kind of ['open', 'view', 'filter', 'search', 'live'] as const) {
          await api.prepare(kind);
          await api.measure(kind, h[kind]);
        }
        const stored = await api.compose(h.compose);
        await api.bulk(h.bulk, true);
        await api.scroll(h.scrollFrames);
        return stored;
      }, HOUR);
      if (drafts === 0) throw new Error('the replies typed left no draft: the composer was not reached');
      const reading = await read();
      hours.push(reading);
      console.log(`  hour ${hour}: heap ${reading.heapMb.toFixed(1)} MB, renderer ${reading.rendererMb.toFixed(0)} MB, ${reading.nodes} DOM nodes, ${reading.listeners} listeners`);
    }
    const last = hours[hours.length - 1]!;
    const second = hours[Math.min(1, hours.length - 1)]!;
    figure('desktop.hours', HOURS, 'h');
    figure('desktop.played_s', (performance.now() - started) / 1000, 's');
    figure('desktop.heap_mb', last.heapMb, 'MB');
    figure('desktop.heap_growth_mb', last.heapMb - second.heapMb, 'MB');
    figure('desktop.renderer_pss_mb', last.rendererMb, 'MB');
    figure('desktop.renderer_pss_growth_mb', last.rendererMb - second.rendererMb, 'MB');
    figure('desktop.dom_nodes', last.nodes, 'nodes');
    figure('desktop.dom_nodes_growth', last.nodes - second.nodes, 'nodes');
    figure('desktop.listeners_growth', last.listeners - second.listeners, 'listeners');
  } finally {
    await browser.close();
  }
}
