import type { FetchLike } from '../../renderer/sync/api';

/** Workstations address the server by this origin; the network maps it to the live server. */
export const VIRTUAL_ORIGIN = 'http://otklik.invalid';

/** What the network can do to one request (checked in this order, each with its probability). */
export const FAULT_KINDS = [
  /** Never reaches the server; the client sees a network error. */
  'dropRequest',
  /** The server processes it; the answer is lost on the way back. */
  'dropResponse',
  /** Delivered twice, concurrently; the client sees the first answer. */
  'duplicate',
  /** Delivered later than the client gave up on it: overtaken by the client's next requests. */
  'late',
  /** Slow, then delivered normally. */
  'delay',
  /** A proxy answers 502 without passing it on. */
  'error5xxBefore',
  /** Processed, but a proxy answers 502 instead of the server's answer. */
  'error5xxAfter',
  /** A push whose body is cut after some mutations: the server sees a shorter batch, the client an error. */
  'cutBatch',
  /**
   * The server stopped a batch half-way (a transient error) and answered for the first mutations
   * only: the client goes on to pull with the rest still pending.
   */
  'shortBatch',
  /** Processed, and a proxy's HTML page comes back instead of JSON. */
  'garbled',
] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];
export type FaultRates = Partial<Record<FaultKind, number>>;

export const HEALTHY: FaultRates = {};
export const FLAKY: FaultRates = { dropRequest: 0.08, dropResponse: 0.08, duplicate: 0.08, late: 0.06, delay: 0.1, error5xxBefore: 0.04, error5xxAfter: 0.04, cutBatch: 0.08, shortBatch: 0.08, garbled: 0.03 };
export const STORMY: FaultRates = { dropRequest: 0.15, dropResponse: 0.12, duplicate: 0.1, late: 0.12, delay: 0.08, error5xxBefore: 0.06, error5xxAfter: 0.06, cutBatch: 0.1, shortBatch: 0.1, garbled: 0.05 };

/** A small seeded generator (mulberry32): the same seed gives the same faults. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function networkError(what: string): TypeError {
  return new TypeError(`fetch failed (${what})`);
}

/**
 * The transport between the workstations and the server, with faults injected per request. The
 * server address is looked up at each request, so a restarted server (or one that is down) is
 * what the next request meets.
 */
export class FaultyNetwork {
  rates: FaultRates = HEALTHY;
  readonly counts: Record<string, number> = {};
  /** Workstations cut off entirely (a village without a signal for a while). */
  readonly offline = new Set<string>();
  private readonly background = new Set<Promise<unknown>>();

  constructor(
    private readonly serverUrl: () => string | null,
    private readonly random: () => number,
  ) {}

  heal(): void {
    this.rates = HEALTHY;
    this.offline.clear();
  }

  /** Waits until every late or duplicated delivery has reached the server (or failed). */
  async drain(): Promise<void> {
    while (this.background.size > 0) await Promise.allSettled([...this.background]);
  }

  fetchFor(workstation: string): FetchLike {
    return (input, init) => {
      if (this.offline.has(workstation)) {
        this.count('offline');
        return Promise.reject(networkError('no signal'));
      }
      return this.request(input, init);
    };
  }

  private count(kind: string): void {
    this.counts[kind] = (this.counts[kind] ?? 0) + 1;
  }

  private pick(): FaultKind | null {
    let r = this.random();
    for (const kind of FAULT_KINDS) {
      const p = this.rates[kind] ?? 0;
      if (r < p) return kind;
      r -= p;
    }
    return null;
  }

  /** Sends to the server as it is now; the body is read whole, as a real client would. */
  private async deliver(input: string, init: RequestInit | undefined): Promise<Response> {
    const base = this.serverUrl();
    if (!base) {
      this.count('serverDown');
      throw networkError('connection refused');
    }
    const response = await fetch(input.replace(VIRTUAL_ORIGIN, base), init);
    const body = await response.arrayBuffer();
    return new Response(body, { status: response.status, headers: response.headers });
  }

  private inBackground(work: () => Promise<unknown>): void {
    const p = work().catch(() => undefined);
    this.background.add(p);
    void p.finally(() => this.background.delete(p));
  }

  private async request(input: string, init?: RequestInit): Promise<Response> {
    this.count('requests');
    const fault = this.pick();
    if (fault) this.count(fault);
    switch (fault) {
      case null:
        return this.deliver(input, init);
      case 'dropRequest':
        throw networkError('dropped');
      case 'dropResponse':
        await this.deliver(input, init);
        throw networkError('connection reset');
      case 'duplicate': {
        this.inBackground(() => this.deliver(input, init));
        return this.deliver(input, init);
      }
      case 'late':
        this.inBackground(async () => {
          await sleep(5 + this.random() * 60);
          await this.deliver(input, init);
        });
        throw networkError('timeout');
      case 'delay':
        await sleep(this.random() * 30);
        return this.deliver(input, init);
      case 'error5xxBefore':
        return bad(502);
      case 'error5xxAfter':
        await this.deliver(input, init);
        return bad(502);
      case 'cutBatch': {
        const cut = cutPush(input, init, this.random);
        await this.deliver(input, cut ?? init);
        throw networkError('connection reset mid-body');
      }
      case 'shortBatch': {
        const cut = cutPush(input, init, this.random);
        return this.deliver(input, cut ?? init);
      }
      case 'garbled':
        await this.deliver(input, init);
        return new Response('<html><body>Gateway</body></html>', { status: 200, headers: { 'content-type': 'text/html' } });
    }
  }
}

function bad(status: number): Response {
  return new Response('<html><body>Bad gateway</body></html>', { status, headers: { 'content-type': 'text/html' } });
}

/** A push request with only its first mutations (at least one fewer), as if the body were cut. */
function cutPush(input: string, init: RequestInit | undefined, random: () => number): RequestInit | null {
  if (!input.endsWith('/sync/push') || typeof init?.body !== 'string') return null;
  const body = JSON.parse(init.body) as { clientId: string; mutations: unknown[] };
  if (body.mutations.length < 2) return null;
  const keep = Math.floor(random() * body.mutations.length);
  return { ...init, body: JSON.stringify({ ...body, mutations: body.mutations.slice(0, keep) }) };
}
