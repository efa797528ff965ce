import { deliverySchema, type Delivery } from '../../shared/channels/delivery';
import type { ReplyTarget } from '../../shared/channels/inbound';
import type { Source } from '../../shared/domain';
import { pullResponseSchema, type Change } from '../../shared/protocol';
import { ratingQuestionText } from '../../shared/ratings';
import type { Queryable } from '../db/types';

/**
 * Each answer delivered is followed in its dialog by the citizen's rating question
 * (server/ratings/, tested there). A test about the answers reads the platform's side without it:
 * `.filter((m) => !isRatingQuestion(m.text))`; counting right after «доставлено» otherwise races
 * with the question being sent.
 */
export const RATING_QUESTION = ratingQuestionText('answer');
export function isRatingQuestion(text: unknown): boolean {
  return typeof text === 'string' && text === RATING_QUESTION;
}

/** A server as these helpers reach it: its address and the demo integration token. */
export interface Reachable {
  url: string;
  integrationToken: string;
}

async function postJson(url: string, body: unknown, token: string): Promise<{ status: number; body: unknown }> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(body) });
  return { status: res.status, body: await res.json() };
}

let counter = 0;

/**
 * An appeal that came from a channel: filed through the intake, with the thread the inbox worker
 * would have recorded (the channel and where the platform takes the answer).
 */
export async function threadedAppeal(
  s: Reachable,
  db: Queryable,
  input: { channelId: string; source: Source; municipalityId: string; target: ReplyTarget; threadKey?: string },
): Promise<string> {
  const ref = `${input.channelId}:${Date.now().toString(36)}:${(counter++).toString(36)}`;
  const res = await postJson(
    `${s.url}/api/v1/intake/appeals`,
    { source: input.source, externalRef: ref, author: { name: 'Житель' }, text: 'Во дворе не горит фонарь.', municipalityId: input.municipalityId },
    s.integrationToken,
  );
  if (res.status !== 201) throw new Error(`intake: ${res.status} ${JSON.stringify(res.body)}`);
  const appealId = (res.body as { id: string }).id;
  await db.query(
    `INSERT INTO channel_threads (appeal_id, channel_id, thread_key, author_key, reply_target) VALUES ($1, $2, $3, $4, $5::jsonb)`,
    [appealId, input.channelId, input.threadKey ?? ref, `author:${ref}`, JSON.stringify(input.target)],
  );
  return appealId;
}

/** Every delivery the caller's scope holds, as its workstation would after a full pull. */
export async function pulledDeliveries(url: string, token: string): Promise<Delivery[]> {
  const state = new Map<string, Change>();
  let cursor = 0;
  for (;;) {
    const res = await fetch(`${url}/api/v1/sync/pull?cursor=${cursor}`, { headers: { authorization: `Bearer ${token}` } });
    const page = pullResponseSchema.parse(await res.json());
    for (const c of page.changes) if (c.entity === 'delivery') state.set(c.id, c);
    cursor = page.cursor;
    if (!page.hasMore) break;
  }
  return [...state.values()].filter((c) => c.op === 'upsert').map((c) => deliverySchema.parse(c.data));
}

/** Pulls until `pick` finds what it waits for in the pulled deliveries (or the time runs out). */
export async function waitForDeliveries<T>(url: string, token: string, pick: (all: Delivery[]) => T | undefined, timeoutMs = 10_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  let last: Delivery[] = [];
  for (;;) {
    last = await pulledDeliveries(url, token);
    const found = pick(last);
    if (found !== undefined) return found;
    if (Date.now() > until) throw new Error(`not seen within ${timeoutMs} ms; deliveries: ${JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, 40));
  }
}

/** Resolves with the delivery of a reply once it reaches one of `states`. */
export function replyDelivery(url: string, token: string, replyId: string, states: Delivery['state'][], timeoutMs?: number): Promise<Delivery> {
  return waitForDeliveries(url, token, (all) => all.find((d) => d.replyId === replyId && states.includes(d.state)), timeoutMs);
}
