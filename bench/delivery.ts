/**
 * delivery: how soon a published reply reaches the platform. Two `server/main.ts` processes on one
 * PostgreSQL database, OK channels wired to the OK emulator (a loopback fake of api.ok.ru), each
 * appeal in a dialog of its own; a clerk publishes replies through both processes at a steady
 * pace below the channels' rate limits (OK: 20 messages a second per group token, one a second
 * per dialog), and each sample is the time from sending the push to the emulator's receipt of
 * the message. Every reply must arrive exactly once.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { OkEmulator } from '../server/channels/ok/emulator';
import { freePort } from '../scripts/free-port';
import { loginAs, push } from './http';
import { figure, percentile } from './report';
import { seededPostgres } from './seed-cache';
import { startBenchServer, type BenchServer } from './server-process';

const APPEALS = Number(process.env.OTKLIK_BENCH_DELIVERY_APPEALS ?? 3000);
const SAMPLES = Number(process.env.OTKLIK_BENCH_DELIVERY_SAMPLES ?? 200);
const CHANNELS = Number(process.env.OTKLIK_BENCH_DELIVERY_CHANNELS ?? 4);
/**
 * Replies published per second, over all channels: a quarter of what the four channels may take
 * together, and far above a region's real pace; on this shared two-core machine the pushes
 * themselves (not the delivery) stop keeping up at about 30 a second.
 */
const RATE = Number(process.env.OTKLIK_BENCH_DELIVERY_RATE ?? 20);
const RECEIPT_TIMEOUT_MS = 30_000;

/** Maykop appeals open for a reply, each put in a dialog of its own on one of the channels. */
async function threadAppeals(url: string, count: number, channelIds: string[]): Promise<Array<{ appealId: string; chatId: string }>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const res = await client.query<{ id: string }>(`SELECT id FROM appeals WHERE municipality_id = 'maykop' AND status <> 'closed' ORDER BY id LIMIT $1`, [count]);
    if (res.rows.length < count) throw new Error(`only ${res.rows.length} open Maykop appeals; raise OTKLIK_BENCH_DELIVERY_APPEALS`);
    const out = res.rows.map((r, i) => ({ appealId: r.id, chatId: `chat:bench${i}`, channelId: channelIds[i % channelIds.length]! }));
    await client.query(
      `INSERT INTO channel_threads (appeal_id, channel_id, thread_key, author_key, reply_target)
       SELECT x.appeal_id, x.channel_id, x.chat_id, x.chat_id, json_build_object('chat_id', x.chat_id)::jsonb
       FROM json_to_recordset($1::json) AS x(appeal_id text, channel_id text, chat_id text)`,
      [JSON.stringify(out.map((o) => ({ appeal_id: o.appealId, channel_id: o.channelId, chat_id: o.chatId })))],
    );
    return out;
  } finally {
    await client.end();
  }
}

export async function deliveryBench(): Promise<void> {
  const database = await seededPostgres(APPEALS);
  const ok = await new OkEmulator().start();
  const servers: BenchServer[] = [];
  try {
    const env = { OTKLIK_SECRET_KEY: randomBytes(32).toString('base64') };
    for (let i = 0; i < 2; i++) servers.push(await startBenchServer({ port: await freePort(), appeals: APPEALS, databaseUrl: database.url, env }));
    const admin = await loginAs(servers[0]!.url, 'admin');
    const channelIds = Array.from({ length: CHANNELS }, (_, i) => `ch-bench-ok-${i + 1}`);
    for (const id of channelIds) {
      const res = await fetch(`${servers[0]!.url}/api/v1/admin/channels`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${admin.accessToken}` },
        body: JSON.stringify({ id, platform: 'ok', bodyId: 'maykop', name: `Бенчмарк ${id}`, settings: { apiBaseUrl: ok.url }, secrets: { accessToken: ok.accessToken } }),
      });
      if (res.status !== 201) throw new Error(`connect ${id}: ${res.status} ${await res.text()}`);
    }
    const threads = await threadAppeals(database.url, SAMPLES, channelIds);
    const clerk = await loginAs(servers[0]!.url, 'operator');

    const published = new Map<string, number>();
    const answered = new Map<string, number>();
    const pushes: Promise<void>[] = [];
    const gapMs = 1000 / RATE;
    const start = performance.now();
    for (const [i, t] of threads.entries()) {
      const due = start + i * gapMs;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      published.set(t.chatId, Date.now());
      pushes.push(
        // A workstation of its own per reply, as many clerks publish: one workstation's pushes are applied in order.
        push(servers[i % 2]!.url, clerk.accessToken, `bench-ws-${i}`, [
          { id: crypto.randomUUID(), name: 'reply.submit', args: { replyId: crypto.randomUUID(), appealId: t.appealId, body: `Ответ на обращение ${i}.` } },
        ]).then(([r]) => {
          answered.set(t.chatId, Date.now());
          if (r?.status !== 'applied') throw new Error(`push: ${JSON.stringify(r)}`);
        }),
      );
    }
    await Promise.all(pushes);

    const until = Date.now() + RECEIPT_TIMEOUT_MS;
    while (ok.api.calls.length < SAMPLES && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
    const received = new Map<string, number[]>();
    for (const call of ok.api.calls) {
      const chat = /^\/graph\/me\/messages\/(chat:\w+)$/.exec(call.path)?.[1];
      if (chat) received.set(chat, [...(received.get(chat) ?? []), call.at]);
    }
    const lost = threads.filter((t) => !received.has(t.chatId)).length;
    const twice = [...received.values()].filter((r) => r.length > 1).length;
    if (lost > 0 || twice > 0) throw new Error(`${lost} replies never arrived, ${twice} arrived more than once`);
    const latencies = threads.map((t) => received.get(t.chatId)![0]! - published.get(t.chatId)!);

    // The push's own answer (the reply and its delivery job committed): the part of the latency that is not the worker's.
    const pushed = threads.map((t) => answered.get(t.chatId)! - published.get(t.chatId)!);
    figure('delivery.samples', SAMPLES, 'replies');
    figure('delivery.publish_rate', RATE, 'replies/s');
    figure('delivery.channels', CHANNELS, 'channels');
    figure('delivery.p50_ms', percentile(latencies, 50), 'ms');
    figure('delivery.p95_ms', percentile(latencies, 95), 'ms');
    figure('delivery.max_ms', Math.max(...latencies), 'ms');
    figure('delivery.push_p95_ms', percentile(pushed, 95), 'ms');
  } finally {
    for (const s of servers) await s.stop();
    await ok.close();
    await database.drop();
  }
}
