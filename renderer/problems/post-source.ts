import type { Appeal } from '../../shared/domain';
import { API_PREFIX } from '../../shared/protocol';
import { postPagesResponseSchema, type Post, type PostPage } from '../../shared/posts/post';
import type { PostFacts } from '../../shared/posts/template';
import type { Mutation } from '../../shared/protocol';
import { uploadOne } from '../clerk/uploads';
import type { LocalAttachment } from '../db/schema';
import { historiesOf } from '../db/thread-packs';
import type { SyncClient } from '../sync';
import type { ProblemView } from './problem-view';

/** The body whose pages carry a problem's post: the one that fixed it, or where it was found. */
export const postBodyOf = (p: Pick<ProblemView, 'responsibleBodyId' | 'municipalityId'>) => p.responsibleBodyId ?? p.municipalityId;

/** The body's pages a post may go to (GET /posts/pages). */
export async function loadPostPages(client: SyncClient, bodyId: string): Promise<PostPage[]> {
  return client.auth.call(async (token) => {
    const res = await fetch(`${client.api.serverUrl}${API_PREFIX}/posts/pages?bodyId=${encodeURIComponent(bodyId)}`, { headers: { authorization: `Bearer ${token}` } });
    if (!res.ok) throw new Error(`pages of ${bodyId}: HTTP ${res.status}`);
    return postPagesResponseSchema.parse(await res.json()).pages;
  });
}

/**
 * An evidence photo's bytes as an object URL (the blur editor's canvas must not draw a cross-origin
 * image): from this workstation's copy while it is not uploaded, else from the server with a
 * one-minute ticket for that file.
 */
export async function photoObjectUrl(client: SyncClient, attachmentId: string): Promise<string> {
  const local = await client.db.attachments.get(attachmentId);
  if (local && local.blob.size > 0) return URL.createObjectURL(local.blob);
  const blob = await client.auth.call(async (token) => {
    const ticket = await client.api.attachmentTicket(token, attachmentId);
    const res = await fetch(`${client.api.serverUrl}${API_PREFIX}/attachments/${encodeURIComponent(attachmentId)}?ticket=${encodeURIComponent(ticket)}`);
    if (!res.ok) throw new Error(`photo ${attachmentId}: HTTP ${res.status}`);
    return res.blob();
  });
  return URL.createObjectURL(blob);
}

/** What the post's template is filled from. */
export function postFacts(problem: ProblemView, appeals: readonly Appeal[], bodyName: string): PostFacts {
  const first = appeals.reduce<string | null>((min, a) => (min === null || a.receivedAt < min ? a.receivedAt : min), null);
  return {
    address: [problem.settlement, problem.address].filter(Boolean).join(', ') || problem.title,
    body: bodyName,
    firstAppealAt: first ?? problem.createdAt,
    solvedAt: problem.solvedAt ?? new Date().toISOString(),
    promisedDate: problem.promisedAt,
    appealCount: appeals.length,
  };
}

/** The citizens' own words that may be quoted (with consent): each author's latest message after the first. */
export async function quoteCandidates(client: SyncClient, appeals: readonly Appeal[]): Promise<Array<{ appealId: string; text: string; authorName: string }>> {
  const histories = await historiesOf(client.db, appeals.map((a) => a.id));
  const out: Array<{ appealId: string; text: string; authorName: string }> = [];
  appeals.forEach((a, i) => {
    const said = (histories[i]?.events ?? []).filter((e) => e.kind === 'citizen_message' && typeof e.data.text === 'string').at(-1);
    if (said) out.push({ appealId: a.id, text: String(said.data.text).slice(0, 1000), authorName: a.author.name });
  });
  return out;
}

export interface ComposedPhotos {
  photos: Array<{ role: 'before' | 'after'; name: string; blob: Blob }>;
}

/**
 * The composed post's photos go up first (the blurred, re-encoded copies), then the draft and its
 * submit are queued: a post is never published before its photos are on the server. Needs the
 * network; without it the composer says so and keeps everything.
 */
export async function sendPost(
  client: SyncClient,
  problem: ProblemView,
  appealId: string,
  composed: ComposedPhotos & Pick<Post, 'text' | 'quotes' | 'channelIds'>,
): Promise<void> {
  const now = new Date().toISOString();
  const files: LocalAttachment[] = composed.photos.map((p) => ({
    id: crypto.randomUUID(),
    appealId,
    userId: client.user.id,
    name: p.name,
    mime: p.blob.type || 'image/jpeg',
    size: p.blob.size,
    blob: p.blob,
    state: 'queued',
    createdAt: now,
  }));
  await client.db.attachments.bulkPut(files);
  for (const f of files) {
    if ((await uploadOne(client, f)) === 'refused') throw new Error(`the server refused the photo ${f.name}`);
  }
  const postId = crypto.randomUUID();
  const draft: Mutation = {
    id: crypto.randomUUID(),
    name: 'post.draft',
    args: { postId, problemId: problem.id, text: composed.text, photos: files.map((f, i) => ({ attachmentId: f.id, role: composed.photos[i]!.role })), quotes: composed.quotes, channelIds: composed.channelIds },
  };
  await client.enqueue(draft);
  await client.enqueue({ id: crypto.randomUUID(), name: 'post.submit', args: { postId } });
}
