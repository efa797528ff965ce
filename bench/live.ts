/**
 * live: how soon a change pushed through one server process pokes a workstation's live channel
 * on the same process, and on another server process on the same PostgreSQL database (LISTEN /
 * NOTIFY). Two `server/main.ts` processes on a fresh database; pushes alternate between them;
 * each sample is the time from sending the push to the poke's arrival at each client.
 */
import pg from 'pg';
import { liveTicket, loginAs, push } from './http';
import { figure, percentile } from './report';
import { seededPostgres } from './seed-cache';
import { startBenchServer, type BenchServer } from './server-process';
import { LiveConnection, seqOf } from './sse';

const APPEALS = Number(process.env.OTKLIK_BENCH_APPEALS ?? 100_000);
const SAMPLES = Number(process.env.OTKLIK_BENCH_LIVE_SAMPLES ?? 100);
const POKE_TIMEOUT_MS = 5000;

interface Listener {
  connection: LiveConnection;
  /** The next poke at or after a seq. */
  nextPoke(): Promise<number>;
}

async function listen(server: BenchServer, token: string): Promise<Listener> {
  let waiter: ((at: number) => void) | null = null;
  let hello: (() => void) | null = null;
  const greeted = new Promise<void>((r) => (hello = r));
  const connection = await LiveConnection.open(`${server.url}/api/v1/sync/live?ticket=${encodeURIComponent(await liveTicket(server.url, token))}`, {
    onEvent(event, data, at) {
      if (event === 'hello') hello?.();
      if (event === 'poke' && seqOf(data) > 0 && waiter) {
        const w = waiter;
        waiter = null;
        w(at);
      }
    },
  });
  await greeted;
  return {
    connection,
    nextPoke: () =>
      new Promise<number>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no poke within ${POKE_TIMEOUT_MS} ms`)), POKE_TIMEOUT_MS);
        waiter = (at) => {
          clearTimeout(timer);
          resolve(at);
        };
      }),
  };
}

async function maykopAppeals(url: string, count: number): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const res = await client.query<{ id: string }>(`SELECT id FROM appeals WHERE municipality_id = 'maykop' ORDER BY id LIMIT $1`, [count]);
    return res.rows.map((r) => r.id);
  } finally {
    await client.end();
  }
}

export async function liveBench(): Promise<void> {
  const database = await seededPostgres(APPEALS);
  const servers: BenchServer[] = [];
  const listeners: Listener[] = [];
  try {
    servers.push(await startBenchServer({ port: 18903, appeals: APPEALS, databaseUrl: database.url }));
    servers.push(await startBenchServer({ port: 18904, appeals: APPEALS, databaseUrl: database.url }));
    const clerk = await loginAs(servers[0]!.url, 'operator');
    const colleague = await loginAs(servers[0]!.url, 'maykop.clerk1');
    for (const server of servers) listeners.push(await listen(server, clerk.accessToken));
    const appealIds = await maykopAppeals(database.url, SAMPLES);

    const same: number[] = [];
    const cross: number[] = [];
    const clientId = crypto.randomUUID();
    for (let i = 0; i < SAMPLES; i++) {
      const via = i % 2;
      const pokes = listeners.map((l) => l.nextPoke());
      const started = performance.now();
      const [result] = await push(servers[via]!.url, colleague.accessToken, clientId, [
        { id: crypto.randomUUID(), name: 'note.add', args: { noteId: crypto.randomUUID(), appealId: appealIds[i % appealIds.length]!, body: `Заметка ${i}` } },
      ]);
      if (result?.status !== 'applied') throw new Error(`push: ${JSON.stringify(result)}`);
      const arrived = await Promise.all(pokes);
      same.push(arrived[via]! - started);
      cross.push(arrived[1 - via]! - started);
      await new Promise((r) => setTimeout(r, 20));
    }
    figure('live.samples', SAMPLES, 'pushes');
    figure('live.same_process_p50_ms', percentile(same, 50), 'ms');
    figure('live.same_process_p95_ms', percentile(same, 95), 'ms');
    figure('live.cross_process_p50_ms', percentile(cross, 50), 'ms');
    figure('live.cross_process_p95_ms', percentile(cross, 95), 'ms');
    figure('live.cross_process_max_ms', Math.max(...cross), 'ms');
  } finally {
    for (const l of listeners) l.connection.close();
    for (const s of servers) await s.stop();
    await database.drop();
  }
}
