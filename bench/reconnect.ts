/**
 * reconnect: a clerk's workstation (headless Chromium, the real sync client) has bootstrapped its
 * municipality, goes a "week offline", makes 1,000 changes (replies, notes, status changes
 * across many appeals) through the real actions into the outbox while colleagues and the intake
 * keep changing the server, then comes back online. Measured: from reconnect until the outbox is
 * empty (every change acknowledged by the server). Checked: every reply and note exists on the
 * server exactly once, and nothing was rejected.
 */
import type { Appeal, AppealStatus } from '../shared/domain';
import type { PlannedChange } from '../renderer/bench-entry';
import { launchChromium } from './browser';
import { intake, loginAs, pullAllChanges, push } from './http';
import { figure } from './report';
import { startBenchServer } from './server-process';
import { startPageProfile } from './page-profile';

const APPEALS = Number(process.env.OTKLIK_BENCH_APPEALS ?? 100_000);
const MUTATIONS = Number(process.env.OTKLIK_BENCH_RECONNECT_MUTATIONS ?? 1000);
const TIMEOUT_MS = 120_000;

/** A clerk's next step on an appeal in each open status (shared/status-machine.ts allows these). */
const NEXT: Partial<Record<AppealStatus, AppealStatus>> = {
  assigned: 'in_progress',
  in_progress: 'clarification',
  clarification: 'in_progress',
  answered: 'resolved',
};

/**
 * 40 % replies, 30 % notes, 30 % status changes, shuffled as a week of work would be. Replies
 * and status changes go to different appeals, so none is refused by an earlier one of the same
 * clerk (a published reply moves the appeal on); notes go anywhere.
 */
function plan(appeals: Pick<Appeal, 'id' | 'status'>[], total: number, runId: string): PlannedChange[] {
  const replies = Math.round(total * 0.4);
  const statuses = Math.round(total * 0.3);
  const notes = total - replies - statuses;
  const withNext = appeals.filter((a) => NEXT[a.status]);
  if (withNext.length < statuses + replies) throw new Error(`only ${withNext.length} open appeals for ${statuses + replies} changes`);
  const changes: PlannedChange[] = [];
  for (let i = 0; i < statuses; i++) changes.push({ kind: 'status', appealId: withNext[i]!.id, to: NEXT[withNext[i]!.status]! });
  for (let i = 0; i < replies; i++) {
    changes.push({ kind: 'reply', appealId: withNext[statuses + i]!.id, body: `Ответ ${runId}-${i}: проблема передана в управляющую компанию, срок устранения — пять рабочих дней.` });
  }
  for (let i = 0; i < notes; i++) changes.push({ kind: 'note', appealId: withNext[(i * 7) % withNext.length]!.id, body: `Заметка ${runId}-${i}: позвонить заявителю.` });
  // A fixed shuffle: the run is the same each time.
  let seed = 42;
  for (let i = changes.length - 1; i > 0; i--) {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    const j = seed % (i + 1);
    [changes[i], changes[j]] = [changes[j]!, changes[i]!];
  }
  return changes;
}

/** While the clerk is away the region goes on: new appeals arrive and a colleague works. */
async function aWeekOnTheServer(url: string, appealIds: readonly string[]): Promise<void> {
  for (let i = 0; i < 100; i++) await intake(url, i, 'maykop');
  const colleague = await loginAs(url, 'maykop.clerk1');
  const notes = Array.from({ length: 200 }, (_, i) => ({
    id: crypto.randomUUID(),
    name: 'note.add',
    args: { noteId: crypto.randomUUID(), appealId: appealIds[(i * 37) % appealIds.length]!, body: `Коллега: заметка ${i}` },
  }));
  const results = await push(url, colleague.accessToken, crypto.randomUUID(), notes);
  if (results.some((r) => r.status !== 'applied')) throw new Error(`a colleague's note was not applied: ${JSON.stringify(results.find((r) => r.status !== 'applied'))}`);
}

export async function reconnectBench(): Promise<void> {
  const server = await startBenchServer({ port: 18902, appeals: APPEALS });
  const browser = await launchChromium();
  try {
    const clerk = await loginAs(server.url, 'operator');
    const curator = await loginAs(server.url, 'curator');
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${server.url}/bench.html`);
    await page.waitForFunction(() => document.getElementById('bench-state')?.textContent === 'ready');
    await page.evaluate(() => window.otklikBench!.reset());

    const session = { ...clerk, serverUrl: server.url };
    const boot = await page.evaluate(async (s) => {
      await window.otklikBench!.startWorkstation(s);
      return window.otklikBench!.waitStatus({ online: true, idle: true }, 300_000);
    }, session);
    const cursorBefore = boot.status.cursor;
    const mine = await page.evaluate(
      (userId) => window.otklikBench!.db.appeals.where('[assigneeId+status]').between([userId, ''], [userId, '\uffff']).toArray(),
      clerk.user.id,
    );
    figure('reconnect.bootstrap_appeals', await page.evaluate(() => window.otklikBench!.count()), 'appeals');

    await context.setOffline(true);
    await page.waitForFunction(() => !navigator.onLine);
    await aWeekOnTheServer(server.url, mine.map((a) => a.id));
    const runId = Date.now().toString(36);
    const changes = plan(mine, MUTATIONS, runId);
    const enqueueMs = await page.evaluate((p) => window.otklikBench!.enqueue(p), changes);
    const offline = await page.evaluate(() => window.otklikBench!.status());
    if (offline.pending !== MUTATIONS) throw new Error(`outbox holds ${offline.pending}, expected ${MUTATIONS}`);

    // The workstation resumes on the browser's 'online' event, as it would after a real outage.
    await page.evaluate(() => {
      window.addEventListener('online', () => document.body.setAttribute('data-online-event', 'fired'), { once: true });
    });
    const profiler = await startPageProfile(page);
    const started = performance.now();
    await context.setOffline(false);
    await page.evaluate((t) => window.otklikBench!.waitStatus({ pendingZero: true }, t), TIMEOUT_MS);
    const drainMs = performance.now() - started;
    await profiler?.stop('renderer-reconnect');
    const settled = await page.evaluate((t) => window.otklikBench!.waitStatus({ online: true, idle: true, pendingZero: true }, t), TIMEOUT_MS);
    const convergedMs = performance.now() - started;
    if ((await page.evaluate(() => document.body.getAttribute('data-online-event'))) !== 'fired') throw new Error('the page never heard it was online again');
    await page.evaluate(() => window.otklikBench!.stopWorkstation());
    if (settled.status.rejected !== 0) throw new Error(`${settled.status.rejected} changes were rejected`);

    // The server's view: every reply and note typed offline exactly once, every status as set.
    const { changes: log } = await pullAllChanges(server.url, curator.accessToken, cursorBefore);
    const bodies = new Map<string, Set<string>>();
    const statuses = new Map<string, AppealStatus>();
    for (const c of log) {
      if (c.op !== 'upsert') continue;
      if (c.entity === 'appeal') statuses.set(c.id, c.data.status);
      if (c.entity !== 'reply' && c.entity !== 'note') continue;
      const ids = bodies.get(c.data.body) ?? new Set<string>();
      ids.add(c.id);
      bodies.set(c.data.body, ids);
    }
    for (const change of changes) {
      if (change.kind === 'status') {
        if (statuses.get(change.appealId) !== change.to) throw new Error(`${change.appealId} is ${statuses.get(change.appealId)} on the server, not ${change.to}`);
        continue;
      }
      const ids = bodies.get(change.body);
      if (ids?.size !== 1) throw new Error(`"${change.body}" is on the server ${ids?.size ?? 0} times`);
    }

    figure('reconnect.mutations', MUTATIONS, 'mutations');
    figure('reconnect.enqueue_ms', Math.round(enqueueMs), 'ms');
    figure('reconnect.drain_ms', Math.round(drainMs), 'ms');
    figure('reconnect.converged_ms', Math.round(convergedMs), 'ms');
    await context.close();
  } finally {
    await browser.close();
    await server.stop();
  }
}
