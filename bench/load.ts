/**
 * load: 1,000 simulated workstations against one server process (load.multi: two) (on PostgreSQL, a fresh copy of
 * the seeded region) for a bounded time. Each is a clerk of its own, logged in, with a live
 * channel, periodic pulls from its cursor, pulls when poked, and occasional pushes (a reply or a
 * note). The load runs in this process, the server in another, so they share no event loop.
 */
import http from 'node:http';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import bcrypt from 'bcryptjs';
import pg from 'pg';
import { loginAs } from './http';
import { Workstation, type Recorder } from './load-workstation';
import { figure, percentile } from './report';
import { seededPostgres } from './seed-cache';
import { startBenchServer, type BenchServer } from './server-process';

const env = process.env;
const APPEALS = Number(env.OTKLIK_BENCH_APPEALS ?? 100_000);
const WORKSTATIONS = Number(env.OTKLIK_BENCH_LOAD_WORKSTATIONS ?? 1000);
const SECONDS = Number(env.OTKLIK_BENCH_LOAD_SECONDS ?? 60);
/** Each workstation's timer pull, on average (the poke-driven pulls come on top). */
const PULL_INTERVAL_S = Number(env.OTKLIK_BENCH_LOAD_PULL_S ?? 30);
/** Each workstation's mean time between pushes (exponentially distributed). */
const PUSH_INTERVAL_S = Number(env.OTKLIK_BENCH_LOAD_PUSH_S ?? 60);
/** 1: workstations ignore what pokes carry and pull, as the client did before (to compare on one machine). */
const PULL_ON_EVERY_POKE = env.OTKLIK_BENCH_LOAD_PULL_ON_POKE === '1';
const PORT = 18905;

interface Fixture {
  users: Array<{ username: string; municipalityId: string }>;
  openAppeals: Map<string, string[]>;
}

/**
 * Clerks for the load, spread over the municipalities as the appeals are. Their password hash is
 * bcrypt with cost 4 (the login path is the same; a thousand cost-10 logins would take minutes).
 */
async function prepareFixture(url: string, count: number): Promise<Fixture> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const open = await client.query<{ id: string; municipality_id: string }>(
      `SELECT id, municipality_id FROM appeals WHERE status <> 'closed' ORDER BY id`,
    );
    const openAppeals = new Map<string, string[]>();
    for (const row of open.rows) openAppeals.set(row.municipality_id, [...(openAppeals.get(row.municipality_id) ?? []), row.id]);
    const weights = [...openAppeals].map(([m, ids]) => ({ m, w: ids.length }));
    const total = weights.reduce((n, x) => n + x.w, 0);
    const users: Fixture['users'] = [];
    for (let i = 0; i < count; i++) {
      let pick = ((i + 0.5) / count) * total;
      const m = weights.find((x) => (pick -= x.w) < 0)?.m ?? weights[0]!.m;
      users.push({ username: `bench.clerk${i}`, municipalityId: m });
    }
    const hash = await bcrypt.hash('demo', 4);
    await client.query(
      `INSERT INTO users (id, username, display_name, role, municipality_id, password_hash)
       SELECT 'u-bench-' || x.username, x.username, 'Специалист ' || x.username, 'clerk', x.m, $2
       FROM json_to_recordset($1::json) AS x(username text, m text)`,
      [JSON.stringify(users.map((u) => ({ username: u.username, m: u.municipalityId }))), hash],
    );
    return { users, openAppeals };
  } finally {
    await client.end();
  }
}

async function inBatches<T, R>(items: readonly T[], size: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += size) out.push(...(await Promise.all(items.slice(i, i + size).map(fn))));
  return out;
}

function rssMb(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) / 1024 : Number.NaN;
}

/** utime + stime of a process, in seconds. */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** The PostgreSQL backends serving this database (the server's pool and its listener). */
async function backendPids(url: string): Promise<number[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const res = await client.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()');
    return res.rows.map((r) => r.pid);
  } finally {
    await client.end();
  }
}

/** Each process's CPU seconds so far, of those still running. */
function cpuByPid(pids: readonly number[]): Map<number, number> {
  const seconds = new Map<number, number>();
  for (const pid of pids) {
    try {
      seconds.set(pid, cpuSeconds(pid));
    } catch {
      // gone
    }
  }
  return seconds;
}

/**
 * The CPU seconds these processes spent since `before`. A backend that ended meanwhile (the pool
 * closes idle connections) is left out, not counted as negative: the figure undercounts a little.
 */
function cpuSince(before: ReadonlyMap<number, number>): number {
  let total = 0;
  for (const [pid, now] of cpuByPid([...before.keys()])) total += now - before.get(pid)!;
  return total;
}

/** `load`: one server process. */
export function loadBench(): Promise<void> {
  return runLoad('load', 1);
}

/**
 * `load.multi`: the same workstations spread over two server processes on one PostgreSQL, each
 * its own pool and listener. Pushes go to a workstation's own process; the pokes that carry a
 * change pushed through the other process are counted, which is the proof that they cross.
 */
export function loadMultiBench(): Promise<void> {
  return runLoad('load.multi', 2);
}

async function runLoad(name: string, processes: number): Promise<void> {
  const database = await seededPostgres(APPEALS);
  const fixture = await prepareFixture(database.url, WORKSTATIONS);
  const servers: BenchServer[] = [];
  const agent = new http.Agent({ keepAlive: true, maxSockets: WORKSTATIONS });
  const liveAgent = new http.Agent({ keepAlive: false, maxSockets: Infinity });
  const recorder: Recorder = {
    measuring: false,
    pulls: [],
    pushes: [],
    errors: 0,
    rejected: 0,
    pulledBytes: 0,
    pulledChanges: 0,
    pokes: 0,
    carried: 0,
    carriedChanges: 0,
    pullsBy: { poke: 0, timer: 0, push: 0 },
    origins: processes > 1 ? new Map() : null,
    crossed: 0,
  };
  const workstations: Workstation[] = [];
  let rssTimer: NodeJS.Timeout | null = null;
  try {
    for (let p = 0; p < processes; p++) {
      servers.push(
        await startBenchServer({
          port: PORT + p,
          appeals: APPEALS,
          databaseUrl: database.url,
          env: env.OTKLIK_DB_POOL ? { OTKLIK_DB_POOL: env.OTKLIK_DB_POOL } : {},
        }),
      );
    }
    const serverOf = (i: number) => i % processes;
    const sessions = await inBatches(fixture.users, 16, (u) => loginAs(servers[0]!.url, u.username));
    let seed = 1;
    const random = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
    for (let i = 0; i < WORKSTATIONS; i++) {
      workstations.push(
        new Workstation({
          base: servers[serverOf(i)]!.url,
          process: serverOf(i),
          pullOnEveryPoke: PULL_ON_EVERY_POKE,
          token: sessions[i]!.accessToken,
          appealIds: fixture.openAppeals.get(fixture.users[i]!.municipalityId)!,
          pullIntervalMs: PULL_INTERVAL_S * 1000,
          pushIntervalMs: PUSH_INTERVAL_S * 1000,
          agent,
          liveAgent,
          recorder,
          random,
        }),
      );
    }
    const pids = servers.map((s) => s.process.pid!);
    await inBatches(workstations, 50, (w) => w.start());
    // Let the first timers spread out before measuring.
    await new Promise((r) => setTimeout(r, 3000));

    const peakRss = pids.map((pid) => rssMb(pid));
    rssTimer = setInterval(() => pids.forEach((pid, i) => (peakRss[i] = Math.max(peakRss[i]!, rssMb(pid)))), 1000);
    const dbPids = await backendPids(database.url);
    const dbCpu0 = cpuByPid(dbPids);
    const serverCpu0 = pids.map((pid) => cpuSeconds(pid));
    const ownCpu0 = process.cpuUsage();
    const started = performance.now();
    recorder.measuring = true;
    await new Promise((r) => setTimeout(r, SECONDS * 1000));
    recorder.measuring = false;
    const elapsedS = (performance.now() - started) / 1000;
    const serverCpu = pids.map((pid, i) => (cpuSeconds(pid) - serverCpu0[i]!) / elapsedS);
    const dbCpu = cpuSince(dbCpu0) / elapsedS;
    const ownCpu = process.cpuUsage(ownCpu0);
    pids.forEach((pid, i) => (peakRss[i] = Math.max(peakRss[i]!, rssMb(pid))));

    const f = (figureName: string, value: number, unit: string) => figure(`${name}.${figureName}`, value, unit);
    f('workstations', WORKSTATIONS, 'workstations');
    if (PULL_ON_EVERY_POKE) f('pull_on_every_poke', 1, '(the client before)');
    f('server_processes', processes, 'processes');
    f('seconds', Math.round(elapsedS), 's');
    f('pulls_per_s', recorder.pulls.length / elapsedS, 'pulls/s');
    // Little's law: the pulls in flight on average, the sum of their times over the elapsed time.
    f('pulls_in_flight', recorder.pulls.reduce((a, b) => a + b, 0) / 1000 / elapsedS, 'pulls');
    f('pokes_per_s', recorder.pokes / elapsedS, 'pokes/s');
    f('carried_pokes_per_s', recorder.carried / elapsedS, 'pokes/s');
    f('carried_changes_per_poke', recorder.carriedChanges / Math.max(1, recorder.carried), 'changes');
    if (recorder.origins) f('cross_process_pokes_per_s', recorder.crossed / elapsedS, 'pokes/s');
    for (const [cause, n] of Object.entries(recorder.pullsBy)) f(`pulls_by_${cause}_per_s`, n / elapsedS, 'pulls/s');
    f('pull_p50_ms', percentile(recorder.pulls, 50), 'ms');
    f('pull_p99_ms', percentile(recorder.pulls, 99), 'ms');
    f('push_p50_ms', percentile(recorder.pushes, 50), 'ms');
    f('push_p99_ms', percentile(recorder.pushes, 99), 'ms');
    f('pushes_per_s', recorder.pushes.length / elapsedS, 'pushes/s');
    f('pulled_kb_per_pull', recorder.pulledBytes / 1024 / Math.max(1, recorder.pulls.length), 'KB');
    f('pulled_changes_per_pull', recorder.pulledChanges / Math.max(1, recorder.pulls.length), 'changes');
    f('rejected', recorder.rejected, 'mutations');
    f('errors', recorder.errors, 'requests');
    if (processes === 1) {
      f('server_rss_mb', Math.round(peakRss[0]!), 'MB');
      f('server_cpu_pct', Math.round(serverCpu[0]! * 100), '%');
    } else {
      pids.forEach((_pid, i) => {
        f(`server${i + 1}_rss_mb`, Math.round(peakRss[i]!), 'MB');
        f(`server${i + 1}_cpu_pct`, Math.round(serverCpu[i]! * 100), '%');
      });
    }
    f('db_backends', dbPids.length, 'connections');
    f('db_cpu_pct', Math.round(dbCpu * 100), '%');
    // The machine is shared: its 1-minute load average says how much the figures can be trusted.
    f('machine_load_1m', loadavg()[0]!, '');
    f('generator_cpu_pct', Math.round(((ownCpu.user + ownCpu.system) / 1e6 / elapsedS) * 100), '%');
  } finally {
    if (rssTimer) clearInterval(rssTimer);
    for (const w of workstations) w.stop();
    agent.destroy();
    liveAgent.destroy();
    for (const s of servers) await s.stop();
    await database.drop();
  }
}
