export interface SseEvent {
  event: string;
  data: string;
}

/** A minimal EventSource over fetch, for tests: collects events and waits for one. */
export class SseClient {
  readonly events: SseEvent[] = [];
  private waiters: Array<{ pred: (e: SseEvent) => boolean; resolve: (e: SseEvent) => void }> = [];
  private readonly abort = new AbortController();
  status = 0;
  /** Whether the server ended the stream (not our own close). */
  endedByServer = false;
  private markEnded: () => void = () => undefined;
  /** Settles when the stream ends, by the server or by close(). */
  readonly ended = new Promise<void>((r) => (this.markEnded = r));

  private constructor() {}

  static async connect(url: string, headers: Record<string, string> = {}): Promise<SseClient> {
    const c = new SseClient();
    const res = await fetch(url, { headers, signal: c.abort.signal });
    c.status = res.status;
    if (res.ok && res.body) void c.read(res.body);
    else await res.text();
    return c;
  }

  private async read(body: ReadableStream<Uint8Array>): Promise<void> {
    const decoder = new TextDecoder();
    let buffer = '';
    const reader = body.getReader();
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) {
          this.endedByServer = true;
          break;
        }
        buffer += decoder.decode(value, { stream: true });
        let idx: number;
        while ((idx = buffer.indexOf('\n\n')) >= 0) {
          const frame = buffer.slice(0, idx);
          buffer = buffer.slice(idx + 2);
          let event = 'message';
          const data: string[] = [];
          for (const line of frame.split('\n')) {
            if (line.startsWith('event: ')) event = line.slice(7);
            else if (line.startsWith('data: ')) data.push(line.slice(6));
            else if (line.startsWith(':')) event = 'comment';
          }
          if (event === 'message' && data.length === 0) continue;
          const e = { event, data: data.join('\n') };
          this.events.push(e);
          this.waiters = this.waiters.filter((w) => (w.pred(e) ? (w.resolve(e), false) : true));
        }
      }
    } catch {
      // aborted
    }
    this.markEnded();
  }

  waitFor(pred: (e: SseEvent) => boolean, timeoutMs = 5000): Promise<SseEvent> {
    const found = this.events.find(pred);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no matching SSE event within ${timeoutMs} ms`)), timeoutMs);
      this.waiters.push({
        pred,
        resolve: (e) => {
          clearTimeout(timer);
          resolve(e);
        },
      });
    });
  }

  close(): void {
    this.abort.abort();
  }
}
