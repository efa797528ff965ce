// Types only: the search worker reads packed threads through this file and needs none of zod.
import type { Thread, ThreadDoc } from './snapshot';
import { gunzipSync, gzipSync } from 'fflate';

/**
 * The `threads` phase of the first download as frames of gzip (issue 12). A region's closed
 * threads are about 2.5 KB of JSON each and 240 MB together; compressed one by one they are a
 * third of that, which is what a workstation on a rural link downloads and what its replica keeps
 * on an old PC's disk. The server keeps each closed thread compressed (server/closed-docs.ts), the
 * workstation stores the frame as it came (renderer/db/thread-packs.ts) and inflates and parses one
 * only when its appeal is opened or searched.
 *
 * The body (`application/x-otklik-threads`):
 *   {"head":<seq>,"next":<after|null>,"ids":[<appeal id>…],"unsettled":[<appeal id>…],"sizes":[<bytes>…]}\n
 *   <the Thread of ids[0] as gzip'd UTF-8 JSON, sizes[0] bytes><the Thread of ids[1]…>…
 * The header names the appeals in order, so the workstation finds each thread's appeal without
 * inflating it, and says which threads are not settled (shared/snapshot.ts isSettledThread). gzip,
 * not zlib or a bare deflate stream: its trailer carries the inflated size, so the inflater
 * (fflate) allocates once, which made inflating a region's threads twice as fast. A workstation
 * asks for it with `Accept`; a server that answers JSON instead (an older one) sends the page as
 * shared/snapshot.ts SnapshotPage.
 *
 * A stored thread is either such a frame or plain JSON bytes (a replica written before frames, or
 * a page from an older server): `threadFromBytes` reads both, told apart by the first byte.
 */
export const THREAD_FRAMES_TYPE = 'application/x-otklik-threads';

export interface ThreadFramesHeader {
  head: number;
  next: string | null;
  ids: string[];
  unsettled: string[];
  sizes: number[];
}

/** The thread's shape, not each record's: records are trusted as the server's own rows. */
export function isThread(value: unknown): value is Thread {
  const t = value as Partial<Thread> | null;
  return !!t && typeof t.appealId === 'string' && Array.isArray(t.replies) && Array.isArray(t.notes) && Array.isArray(t.events) && Array.isArray(t.deliveries);
}

export class ThreadFramesError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ThreadFramesError';
  }
}

/** The header line (without its line break). */
export function threadFramesHeader(header: ThreadFramesHeader): string {
  return JSON.stringify(header);
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const NEWLINE = 0x0a;
const GZIP = [0x1f, 0x8b] as const;
const OPEN_BRACE = 0x7b;

/** A thread as plain JSON bytes. */
export function threadBytes(thread: Thread): Uint8Array {
  return encoder.encode(JSON.stringify(thread));
}

/** A thread as a frame (the server compresses with node:zlib; this is for its fakes and tests). */
export function threadFrame(thread: Thread): Uint8Array {
  return gzipSync(threadBytes(thread));
}

/** A whole body: the header and each thread's frame. */
export function formatThreadFrames(header: Pick<ThreadFramesHeader, 'head' | 'next'>, docs: readonly ThreadDoc[]): Uint8Array {
  const ids = docs.map((d) => d.appealId);
  const unsettled = docs.filter((d) => !d.settled).map((d) => d.appealId);
  const sizes = docs.map((d) => d.bytes.length);
  const parts = [encoder.encode(threadFramesHeader({ ...header, ids, unsettled, sizes }) + '\n'), ...docs.map((d) => d.bytes)];
  const body = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    body.set(p, at);
    at += p.length;
  }
  return body;
}

function isHeader(value: unknown): value is ThreadFramesHeader {
  const h = value as Partial<ThreadFramesHeader> | null;
  const strings = (a: unknown) => Array.isArray(a) && a.every((x) => typeof x === 'string');
  return (
    !!h &&
    typeof h.head === 'number' &&
    (h.next === null || typeof h.next === 'string') &&
    strings(h.ids) &&
    strings(h.unsettled) &&
    Array.isArray(h.sizes) &&
    h.sizes.length === h.ids!.length &&
    h.sizes.every((n) => Number.isInteger(n) && n > GZIP.length)
  );
}

/**
 * The page in `body`, its threads not inflated (each its own copy of its bytes, so that storing
 * one does not store the page). Checks what can be checked without inflating them: the header,
 * the frames adding up to the body (a cut body is refused, not stored short), ids in ascending
 * order, and each frame starting as gzip does.
 */
export function parseThreadFrames(body: Uint8Array): { head: number; next: string | null; docs: ThreadDoc[] } {
  const end = body.indexOf(NEWLINE);
  let header: unknown;
  try {
    header = JSON.parse(decoder.decode(body.subarray(0, end < 0 ? body.length : end)));
  } catch {
    throw new ThreadFramesError('The thread frames have no header');
  }
  if (end < 0 || !isHeader(header)) throw new ThreadFramesError('Malformed thread frames header');
  const expected = header.sizes.reduce((n, s) => n + s, 0);
  const got = body.length - end - 1;
  if (got !== expected) throw new ThreadFramesError(`Expected ${expected} bytes of ${header.ids.length} threads, got ${got}`);
  const unsettled = new Set(header.unsettled);
  const docs: ThreadDoc[] = [];
  let start = end + 1;
  for (const [i, appealId] of header.ids.entries()) {
    if (i > 0 && !(header.ids[i - 1]! < appealId)) throw new ThreadFramesError('Thread frames out of order');
    if (body[start] !== GZIP[0] || body[start + 1] !== GZIP[1]) throw new ThreadFramesError(`Malformed thread of ${appealId}`);
    const stop = start + header.sizes[i]!;
    docs.push({ appealId, settled: !unsettled.has(appealId), bytes: body.slice(start, stop) });
    start = stop;
  }
  return { head: header.head, next: header.next, docs };
}

/** A thread kept as bytes (a frame, or plain JSON), inflated where it is a frame, parsed and its shape checked. */
export function threadFromBytes(bytes: Uint8Array): Thread {
  let value: unknown;
  try {
    const json = bytes[0] === OPEN_BRACE ? bytes : gunzipSync(bytes);
    value = JSON.parse(decoder.decode(json));
  } catch {
    throw new ThreadFramesError('A thread is neither a frame nor JSON');
  }
  if (!isThread(value)) throw new ThreadFramesError('Malformed thread');
  return value;
}
