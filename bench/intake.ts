/**
 * intake: how many citizens' messages a channel's webhook takes per second, and how soon each is
 * acked, while the inbox worker files them into appeals in the same server. A `server/main.ts`
 * process on PostgreSQL with a connected OK channel; a few concurrent senders post distinct OK
 * message notifications (the platform's format, through the OK emulator's builder) as fast as
 * the server acks them for ~10 s. Measured: stored events per second (rows in the inbox over the
 * sending time) and the ack's p99. Checked: every event acked with 200 and stored exactly once,
 * and (after sending) each filed as exactly one appeal.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { channelWebhookPath } from '../shared/channels/admin';
import { OkEmulator } from '../server/channels/ok/emulator';
import { SecretBox } from '../server/channels/secrets';
import { freePort } from '../scripts/free-port';
import { figure, percentile } from './report';
import { seededPostgres } from './seed-cache';
import { spawnServer } from './spawn-server';

const APPEALS = Number(process.env.OTKLIK_BENCH_INTAKE_APPEALS ?? 1000);
const DURATION_MS = Number(process.env.OTKLIK_BENCH_INTAKE_MS ?? 10_000);
const SENDERS = Number(process.env.OTKLIK_BENCH_INTAKE_SENDERS ?? 8);
const FILE_TIMEOUT_MS = 180_000;
/** 0: the server's inbox worker is off, to see the webhook's own cost without the filing beside it. */
const WORKER = process.env.OTKLIK_BENCH_INTAKE_WORKER !== '0';

export async function intakeBench(): Promise<void> {
  const database = await seededPostgres(APPEALS);
  const key = randomBytes(32);
  const server = await spawnServer({ port: await freePort(), env: { DATABASE_URL: database.url, OTKLIK_SEED: '0', OTKLIK_SECRET_KEY: key.toString('hex'), OTKLIK_INBOX_WORKER: WORKER ? '1' : '0' } });
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  // Only builds payloads here: OK signs nothing, and no photo is fetched.
  const ok = new OkEmulator();
  try {
    const webhookKey = randomBytes(18).toString('base64url');
    await client.query(
      `INSERT INTO channels (id, platform, body_id, name, settings, secrets, enabled, webhook_key, updated_at)
       VALUES ('bench-ok', 'ok', 'maykop', 'Бенчмарк ОК', '{}'::jsonb, $1, true, $2, now())`,
      [new SecretBox(key).seal({ accessToken: 'bench-token' }), webhookKey],
    );
    const url = server.url + channelWebhookPath('ok', webhookKey);
    const run = randomBytes(3).toString('hex');
    const latencies: number[] = [];
    const sentMids: string[] = [];
    let failures = 0;
    const started = performance.now();
    const until = started + DURATION_MS;
    await Promise.all(
      Array.from({ length: SENDERS }, async (_, sender) => {
        for (let i = 0; performance.now() < until; i++) {
          // Each sender is a few people writing in their own dialogs.
          const person = `${sender}${i % 50}`;
          const payload = ok.message({ userId: `9${person}`, chatId: `chat:B${run}${person}`, text: `Не горит фонарь у дома ${i}, подъезд ${sender}`, name: `Житель ${person}` });
          const t0 = performance.now();
          const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(payload) });
          await res.text();
          latencies.push(performance.now() - t0);
          if (res.status === 200) sentMids.push((payload.message as { mid: string }).mid);
          else failures += 1;
        }
      }),
    );
    const elapsedS = (performance.now() - started) / 1000;
    if (failures > 0) throw new Error(`${failures} webhook calls were not acked with 200`);
    const stored = await client.query<{ n: string; distinct: string }>(
      `SELECT count(*) AS n, count(DISTINCT event_id) AS distinct FROM channel_inbox WHERE channel_id = 'bench-ok'`,
    );
    const n = Number(stored.rows[0]!.n);
    if (n !== sentMids.length || Number(stored.rows[0]!.distinct) !== n) throw new Error(`sent ${sentMids.length} events, the inbox holds ${n} (${stored.rows[0]!.distinct} distinct)`);
    figure('intake.events_per_s', n / elapsedS, 'events/s');
    figure('intake.ack_p99_ms', percentile(latencies, 99), 'ms');
    figure('intake.ack_p50_ms', percentile(latencies, 50), 'ms');
    if (!WORKER) return;

    // Then the worker's side: every stored event becomes one appeal (each person's later messages join it).
    const deadline = Date.now() + FILE_TIMEOUT_MS;
    for (;;) {
      const pending = Number((await client.query<{ n: string }>(`SELECT count(*) AS n FROM channel_inbox WHERE channel_id = 'bench-ok' AND processed_at IS NULL`)).rows[0]!.n);
      if (pending === 0) break;
      if (Date.now() > deadline) throw new Error(`${pending} events still unprocessed after ${FILE_TIMEOUT_MS} ms`);
      await new Promise((r) => setTimeout(r, 250));
    }
    const filedS = (performance.now() - started) / 1000;
    const messages = Number((await client.query<{ n: string }>(`SELECT count(*) AS n FROM channel_messages WHERE channel_id = 'bench-ok'`)).rows[0]!.n);
    if (messages !== n) throw new Error(`${n} events stored, ${messages} filed`);
    const failed = Number((await client.query<{ n: string }>(`SELECT count(*) AS n FROM channel_inbox WHERE channel_id = 'bench-ok' AND error IS NOT NULL`)).rows[0]!.n);
    if (failed > 0) throw new Error(`${failed} events failed at least once`);
    figure('intake.filed_per_s', n / filedS, 'events/s');
  } finally {
    await client.end();
    await server.stop();
    await database.drop();
  }
}
