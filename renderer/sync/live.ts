import { pokeSchema, type Poke } from '../../shared/protocol';
import type { CarriedPoke } from './carried';

/** The part of EventSource the channel uses (a fake in tests). */
export interface LiveSource {
  addEventListener(type: string, listener: (event: Event) => void): void;
  close(): void;
  onopen: ((event: Event) => unknown) | null;
  onerror: ((event: Event) => unknown) | null;
}

export type EventSourceFactory = (url: string) => LiveSource;

export interface LiveOptions {
  /** Built at each connect (a fresh ticket, asked for with the current token). */
  url(): string | Promise<string>;
  createEventSource: EventSourceFactory;
  /** A 'hello' or 'poke': the server's log is at `seq`. */
  onSeq(seq: number): void;
  /** A poke that carries its changes; without this option it counts as a plain one. */
  onCarried?(poke: CarriedPoke): void;
  onUp?(): void;
  onDown?(): void;
  /** Runs before each reconnect (a sync, which also refreshes an expired token). */
  beforeReconnect?(): Promise<void>;
  minDelayMs?: number;
  maxDelayMs?: number;
  random?: () => number;
}

/** Exponential backoff with jitter: 1 s, 2 s, 4 s … capped, each 50–100 % of its step. */
export function backoffDelay(attempt: number, minMs: number, maxMs: number, random: () => number): number {
  const step = Math.min(maxMs, minMs * 2 ** Math.min(attempt, 30));
  return Math.round(step * (0.5 + random() * 0.5));
}

/**
 * The live channel: server-sent events that poke the client when its scope changed. The
 * browser's own EventSource retry keeps the first token forever, so on any error the channel is
 * closed and reopened here, with backoff, after a sync.
 */
export class LiveChannel {
  private source: LiveSource | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private attempt = 0;
  private stopped = true;
  private up = false;

  constructor(private readonly options: LiveOptions) {}

  get connected(): boolean {
    return this.up;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.attempt = 0;
    this.open();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.closeSource();
  }

  /** Reconnect now (the network came back), forgetting the backoff. */
  kick(): void {
    if (this.stopped || this.up) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.attempt = 0;
    this.open();
  }

  private opening = 0;

  private open(): void {
    if (this.stopped) return;
    this.closeSource();
    const attempt = ++this.opening;
    let url: string | Promise<string>;
    try {
      url = this.options.url();
    } catch {
      this.scheduleReconnect();
      return;
    }
    if (typeof url === 'string') return this.connect(url);
    url.then(
      (ready) => {
        // Stopped, or another open() began, while the address was being asked for.
        if (this.stopped || attempt !== this.opening) return;
        this.connect(ready);
      },
      () => {
        if (!this.stopped && attempt === this.opening) this.scheduleReconnect();
      },
    );
  }

  private connect(url: string): void {
    let source: LiveSource;
    try {
      source = this.options.createEventSource(url);
    } catch {
      this.scheduleReconnect();
      return;
    }
    this.source = source;
    const onMessage = (event: Event) => {
      const poke = parsePoke((event as MessageEvent).data);
      if (poke === null) return;
      if (event.type === 'poke' && poke.after !== undefined && poke.changes !== undefined && this.options.onCarried) {
        this.options.onCarried({ after: poke.after, seq: poke.seq, changes: poke.changes });
      } else {
        this.options.onSeq(poke.seq);
      }
    };
    source.addEventListener('hello', onMessage);
    source.addEventListener('poke', onMessage);
    source.onopen = () => {
      this.attempt = 0;
      if (!this.up) {
        this.up = true;
        this.options.onUp?.();
      }
    };
    source.onerror = () => {
      if (this.source !== source) return;
      this.closeSource();
      this.scheduleReconnect();
    };
  }

  private closeSource(): void {
    const source = this.source;
    this.source = null;
    if (source) {
      source.onopen = null;
      source.onerror = null;
      source.close();
    }
    if (this.up) {
      this.up = false;
      this.options.onDown?.();
    }
  }

  private scheduleReconnect(): void {
    if (this.stopped || this.timer) return;
    const delay = backoffDelay(this.attempt++, this.options.minDelayMs ?? 1000, this.options.maxDelayMs ?? 60_000, this.options.random ?? Math.random);
    this.timer = setTimeout(async () => {
      this.timer = null;
      try {
        await this.options.beforeReconnect?.();
      } catch {
        // still down: the connect attempt below fails too and backs off further
      }
      this.open();
    }, delay);
  }
}

function parsePoke(data: unknown): Poke | null {
  if (typeof data !== 'string') return null;
  try {
    const parsed = pokeSchema.safeParse(JSON.parse(data));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
