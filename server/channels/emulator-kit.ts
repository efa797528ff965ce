import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** The smallest JPEG (start of image, an empty comment, end of image): the photo emulators serve. */
export const SAMPLE_JPEG = Uint8Array.from([0xff, 0xd8, 0xff, 0xfe, 0x00, 0x02, 0xff, 0xd9]);

/** One call Otklik made to an emulated platform API, as the platform would have received it. */
export interface RecordedCall {
  method: string;
  /** The path without the query string. */
  path: string;
  query: Record<string, string>;
  headers: Record<string, string | string[] | undefined>;
  /** The body parsed as JSON (or form fields for form-encoded calls); null when empty. */
  body: unknown;
  at: number;
}

/** What the emulator answers: a status and a JSON body (or a raw text body). */
export interface EmulatedAnswer {
  status: number;
  json?: unknown;
  text?: string;
  /** A file (a photo the platform hosts), with its type. */
  bytes?: Uint8Array;
  contentType?: string;
}

/**
 * A loopback HTTP server that records every call and answers through a platform's own handler,
 * unless a test queued answers first (`answerNext`: a 5xx, a platform error, a slow answer).
 * The platform emulators (server/channels/<platform>/emulator.ts) are built on it.
 */
export class LoopbackApi {
  readonly calls: RecordedCall[] = [];
  private readonly queued: EmulatedAnswer[] = [];
  private server: Server | null = null;
  private base = '';

  constructor(private readonly handle: (call: RecordedCall) => EmulatedAnswer) {}

  get url(): string {
    return this.base;
  }

  async start(): Promise<this> {
    const server = createServer((req, res) => {
      void readBody(req).then(async (raw) => {
        const url = new URL(req.url ?? '/', 'http://127.0.0.1');
        const call: RecordedCall = {
          method: req.method ?? 'GET',
          path: url.pathname,
          query: Object.fromEntries(url.searchParams),
          headers: req.headers,
          body: await parseBody(raw, req.headers['content-type']),
          at: Date.now(),
        };
        this.calls.push(call);
        const answer = this.queued.shift() ?? this.handle(call);
        if (answer.bytes) {
          res.writeHead(answer.status, { 'content-type': answer.contentType ?? 'application/octet-stream' });
          res.end(answer.bytes);
          return;
        }
        res.writeHead(answer.status, { 'content-type': answer.text !== undefined ? 'text/plain' : 'application/json' });
        res.end(answer.text ?? JSON.stringify(answer.json ?? {}));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.server = server;
    this.base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return this;
  }

  /** The next calls get these answers, in order, instead of the platform's normal one. */
  answerNext(...answers: EmulatedAnswer[]): void {
    this.queued.push(...answers);
  }

  callsTo(path: string): RecordedCall[] {
    return this.calls.filter((c) => c.path === path);
  }

  async close(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** A file part of a multipart upload (a photo posted to VK's upload server, Telegram's sendMediaGroup). */
export interface UploadedFile {
  filename: string;
  type: string;
  bytes: Uint8Array;
}

/**
 * Multipart form fields: text fields as strings, file parts as UploadedFile. Written here rather
 * than through undici's Response.formData, which refuses grammY's headers (`content-disposition:form-data;name="x"`,
 * no spaces) that Telegram takes; a platform's parser is as lenient as this one.
 */
function parseMultipart(bytes: Buffer, contentType: string): Record<string, string | UploadedFile> | string {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
  const mark = boundary ? `--${(boundary[1] ?? boundary[2] ?? '').trim()}` : null;
  if (!mark) return bytes.toString('latin1');
  const out: Record<string, string | UploadedFile> = {};
  const sep = Buffer.from(mark, 'latin1');
  let at = bytes.indexOf(sep);
  while (at !== -1) {
    const start = at + sep.length;
    if (bytes.subarray(start, start + 2).toString('latin1') === '--') break;
    const next = bytes.indexOf(sep, start);
    if (next === -1) break;
    const part = bytes.subarray(start + 2, next - 2); // after CRLF, before CRLF--boundary
    const split = part.indexOf('\r\n\r\n');
    if (split !== -1) {
      const head = part.subarray(0, split).toString('utf8');
      const body = part.subarray(split + 4);
      const name = /(?<![\w])name="([^"]*)"/i.exec(head)?.[1];
      // grammY writes `filename=after-1.jpg` unquoted; browsers and undici quote it.
      const fm = /filename=(?:"([^"]*)"|([^;\r\n]*))/i.exec(head);
      const filename = fm ? (fm[1] ?? fm[2] ?? '').trim() : undefined;
      const type = /content-type:\s*([^\r\n;]+)/i.exec(head)?.[1]?.trim() ?? 'application/octet-stream';
      if (name !== undefined) out[name] = filename !== undefined ? { filename, type, bytes: new Uint8Array(body) } : body.toString('utf8');
    }
    at = next;
  }
  return out;
}

async function parseBody(bytes: Buffer, contentType: string | undefined): Promise<unknown> {
  if (bytes.length === 0) return null;
  if (contentType?.includes('multipart/form-data')) return parseMultipart(bytes, contentType);
  const raw = bytes.toString('utf8');
  if (contentType?.includes('application/x-www-form-urlencoded')) return Object.fromEntries(new URLSearchParams(raw));
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}

/**
 * A platform's emulator: its LoopbackApi answering through the platform's own `answer`, started,
 * addressed and closed the same way for every platform.
 */
export abstract class PlatformEmulator {
  readonly api: LoopbackApi;

  constructor() {
    // `answer` is called only per request, after the subclass's constructor has run.
    this.api = new LoopbackApi((call) => this.answer(call));
  }

  protected abstract answer(call: RecordedCall): EmulatedAnswer;

  async start(): Promise<this> {
    await this.api.start();
    return this;
  }

  get url(): string {
    return this.api.url;
  }

  async close(): Promise<void> {
    await this.api.close();
  }
}

/** Posts a webhook to Otklik as a platform does: JSON, with the platform's own headers. */
export async function postWebhook(url: string, payload: unknown, headers: Record<string, string> = {}): Promise<{ status: number; text: string }> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(payload) });
  return { status: res.status, text: await res.text() };
}
