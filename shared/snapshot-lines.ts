// Types only: the search worker reads packed threads through this file and needs none of zod.
import type { Thread, ThreadDoc } from './snapshot';

/**
 * The `threads` phase of the first download as lines (issue 12): a region's closed threads are
 * about 2 KB each and 190 MB together, and parsing them into objects in the workstation's page only
 * to store them again took more time than the rest of the download. In this form each thread stays
 * the JSON the server keeps for it (server/closed-docs.ts), and the workstation stores its UTF-8
 * bytes as they came, decoding and parsing one only when its appeal is opened. Bytes, not strings:
 * a JavaScript string of Russian text is two bytes a character, everything in it, and IndexedDB
 * wrote such packs at half the speed of the objects they replaced (BENCHMARKS.md).
 *
 * The body is newline-delimited JSON (`application/x-ndjson`), one value per line:
 *   {"head":<seq>,"next":<after|null>,"ids":[<appeal id>…],"unsettled":[<appeal id>…]}
 *   <the Thread of ids[0] as JSON>
 *   <the Thread of ids[1] as JSON>
 *   …
 * JSON text never holds a raw line break (inside strings it is escaped), so a line is one value.
 * The header names the appeals in order, so the workstation finds each thread's appeal without
 * parsing the thread, and says which threads are not settled (shared/snapshot.ts isSettledThread).
 * A workstation asks for it with `Accept: application/x-ndjson`; a server that answers JSON
 * instead (an older one) sends the page as shared/snapshot.ts SnapshotPage.
 */
export const THREAD_LINES_TYPE = 'application/x-ndjson';

export interface ThreadLinesHeader {
  head: number;
  next: string | null;
  ids: string[];
  unsettled: string[];
}

/** The thread's shape, not each record's: records are trusted as the server's own rows. */
export function isThread(value: unknown): value is Thread {
  const t = value as Partial<Thread> | null;
  return !!t && typeof t.appealId === 'string' && Array.isArray(t.replies) && Array.isArray(t.notes) && Array.isArray(t.events) && Array.isArray(t.deliveries);
}

export class ThreadLinesError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ThreadLinesError';
  }
}

/** The header line (without its line break). */
export function threadLinesHeader(header: ThreadLinesHeader): string {
  return JSON.stringify(header);
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const NEWLINE = 0x0a;

/** A thread as the bytes a ThreadDoc holds. */
export function threadBytes(thread: Thread): Uint8Array {
  return encoder.encode(JSON.stringify(thread));
}

/** A whole body: the header and each thread's JSON (which must be one line each). */
export function formatThreadLines(header: Omit<ThreadLinesHeader, 'ids' | 'unsettled'>, docs: readonly ThreadDoc[]): Uint8Array {
  const ids = docs.map((d) => d.appealId);
  const unsettled = docs.filter((d) => !d.settled).map((d) => d.appealId);
  const parts = [encoder.encode(threadLinesHeader({ ...header, ids, unsettled }) + '\n'), ...docs.flatMap((d) => [d.json, Uint8Array.of(NEWLINE)])];
  const body = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    body.set(p, at);
    at += p.length;
  }
  return body;
}

function isHeader(value: unknown): value is ThreadLinesHeader {
  const h = value as Partial<ThreadLinesHeader> | null;
  return (
    !!h &&
    typeof h.head === 'number' &&
    (h.next === null || typeof h.next === 'string') &&
    Array.isArray(h.ids) &&
    h.ids.every((id) => typeof id === 'string') &&
    Array.isArray(h.unsettled) &&
    h.unsettled.every((id) => typeof id === 'string')
  );
}

/**
 * The page in `body`, its threads unparsed (each its own copy of its bytes, so that storing one
 * does not store the page). Checks what can be checked without parsing them: the header, one line
 * per appeal it names (a cut body is refused, not stored short), ids in ascending order, and each
 * line an object.
 */
export function parseThreadLines(body: Uint8Array): { head: number; next: string | null; docs: ThreadDoc[] } {
  const end = body.indexOf(NEWLINE);
  let header: unknown;
  try {
    header = JSON.parse(decoder.decode(body.subarray(0, end < 0 ? body.length : end)));
  } catch {
    throw new ThreadLinesError('The thread lines have no header');
  }
  if (!isHeader(header)) throw new ThreadLinesError('Malformed thread lines header');
  const unsettled = new Set(header.unsettled);
  const docs: ThreadDoc[] = [];
  let start = end < 0 ? body.length : end + 1;
  for (const [i, appealId] of header.ids.entries()) {
    const stop = body.indexOf(NEWLINE, start);
    if (end < 0 || stop < 0) throw new ThreadLinesError(`Expected ${header.ids.length} threads, got ${i}`);
    if (i > 0 && !(header.ids[i - 1]! < appealId)) throw new ThreadLinesError('Thread lines out of order');
    if (body[start] !== 0x7b || body[stop - 1] !== 0x7d) throw new ThreadLinesError(`Malformed thread of ${appealId}`);
    docs.push({ appealId, settled: !unsettled.has(appealId), json: body.slice(start, stop) });
    start = stop + 1;
  }
  if (start < body.length) throw new ThreadLinesError(`More than the ${header.ids.length} threads named`);
  return { head: header.head, next: header.next, docs };
}

/** A thread kept as bytes (a line of the page, or the workstation's packed copy), parsed and its shape checked. */
export function threadFromJson(json: Uint8Array): Thread {
  let value: unknown;
  try {
    value = JSON.parse(decoder.decode(json));
  } catch {
    throw new ThreadLinesError('A thread is not JSON');
  }
  if (!isThread(value)) throw new ThreadLinesError('Malformed thread');
  return value;
}
