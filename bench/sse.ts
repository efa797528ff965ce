/**
 * A light server-sent-events client over node:http for benchmark drivers: a thousand of them in
 * one process cost a socket and a small buffer each. Calls `onEvent` for `hello` and `poke`.
 */
import http from 'node:http';

export interface SseOptions {
  agent?: http.Agent;
  onEvent(event: string, data: string, at: number): void;
  onClose?(): void;
}

export class LiveConnection {
  private request: http.ClientRequest | null = null;
  private closed = false;

  private constructor(private readonly options: SseOptions) {}

  /** Resolves once the server answered 200 (the `hello` event follows). */
  static open(url: string, options: SseOptions): Promise<LiveConnection> {
    const c = new LiveConnection(options);
    return new Promise((resolve, reject) => {
      const req = http.get(url, { agent: options.agent, headers: { accept: 'text/event-stream' } }, (res) => {
        if (res.statusCode !== 200) {
          res.resume();
          reject(new Error(`live: HTTP ${res.statusCode}`));
          return;
        }
        res.setEncoding('utf8');
        let buffer = '';
        res.on('data', (chunk: string) => {
          const at = performance.now();
          buffer += chunk;
          let end: number;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const frame = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            let event = '';
            let data = '';
            for (const line of frame.split('\n')) {
              if (line.startsWith('event: ')) event = line.slice(7);
              else if (line.startsWith('data: ')) data = line.slice(6);
            }
            if (event) options.onEvent(event, data, at);
          }
        });
        res.on('close', () => {
          if (!c.closed) options.onClose?.();
        });
        resolve(c);
      });
      req.on('error', (error) => {
        if (!c.closed) reject(error);
      });
      c.request = req;
    });
  }

  close(): void {
    this.closed = true;
    this.request?.destroy();
  }
}

/** The seq carried by a hello or poke frame. */
export function seqOf(data: string): number {
  return (JSON.parse(data) as { seq: number }).seq;
}
