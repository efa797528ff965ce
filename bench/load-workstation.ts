/**
 * One simulated workstation for the load benchmark: what the real sync client does, minus the
 * replica. It keeps a live channel open; a poke that carries its changes and continues its cursor
 * moves the cursor without a pull (SyncClient writes it as a page), any other poke pulls; it pulls
 * on a timer too (one pull at a time plus one follow-up, as SyncClient does), and now and then
 * pushes a reply or a note, then pulls. Latencies go to the shared recorder.
 */
import http from 'node:http';
import { liveTicket } from './http';
import { LiveConnection, seqOf } from './sse';

export interface Recorder {
  /** Samples count only while true (after the ramp-up, before the wind-down). */
  measuring: boolean;
  pulls: number[];
  pushes: number[];
  errors: number;
  rejected: number;
  /** Bytes of pull responses (to see what the pulls carry). */
  pulledBytes: number;
  pulledChanges: number;
  /** Live events that asked for a pull (seq past the cursor), and the pulls that followed. */
  pokes: number;
  /** Pokes that carried their changes and continued the cursor: no pull. */
  carried: number;
  carriedChanges: number;
  /** With several server processes: the process each pushed reply or note went through. */
  origins: Map<string, number> | null;
  /** Carried pokes holding a change pushed through another process than the receiver's. */
  crossed: number;
  /** Pull requests by what started them, while measuring. */
  pullsBy: Record<PullCause, number>;
}

export type PullCause = 'poke' | 'timer' | 'push';

export interface WorkstationConfig {
  base: string;
  /** The client before pokes carried changes: every poke past the cursor pulls (for comparison). */
  pullOnEveryPoke: boolean;
  /** Which server process `base` is (load.multi). */
  process: number;
  token: string;
  appealIds: readonly string[];
  pullIntervalMs: number;
  pushIntervalMs: number;
  agent: http.Agent;
  liveAgent: http.Agent;
  recorder: Recorder;
  random: () => number;
}

function request(agent: http.Agent, url: string, token: string, body?: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = { authorization: `Bearer ${token}` };
    if (body !== undefined) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = Buffer.byteLength(body);
    }
    const req = http.request(url, { method: body === undefined ? 'GET' : 'POST', agent, headers }, (res) => {
      res.setEncoding('utf8');
      let text = '';
      res.on('data', (c: string) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

export class Workstation {
  /** null until the live channel's hello: the replica is at the log's head when the shift starts. */
  private cursor: number | null = null;
  private pulling = false;
  private again: PullCause | false = false;
  private live: LiveConnection | null = null;
  private timers: NodeJS.Timeout[] = [];
  private stopped = false;
  private readonly clientId = crypto.randomUUID();

  constructor(private readonly config: WorkstationConfig) {}

  async start(): Promise<void> {
    const { base, token, liveAgent } = this.config;
    let greeted: () => void = () => undefined;
    const hello = new Promise<void>((r) => (greeted = r));
    this.live = await LiveConnection.open(`${base}/api/v1/sync/live?ticket=${encodeURIComponent(await liveTicket(base, token))}`, {
      agent: liveAgent,
      onEvent: (event, data) => {
        const seq = seqOf(data);
        const recorder = this.config.recorder;
        if (event === 'hello') {
          // A poke may come before the hello (the server registers the connection first); the
          // hello's seq covers it.
          this.cursor = Math.max(this.cursor ?? 0, seq);
          greeted();
        } else if (event === 'poke' && this.cursor !== null && seq > this.cursor) {
          if (recorder.measuring) recorder.pokes++;
          const poke = JSON.parse(data) as { after?: number; changes?: Array<{ id: string }> };
          const origins = recorder.origins;
          if (origins && recorder.measuring && poke.changes?.some((c) => (origins.get(c.id) ?? this.config.process) !== this.config.process)) recorder.crossed++;
          if (!this.config.pullOnEveryPoke && poke.after !== undefined && poke.changes && poke.after <= this.cursor) {
            this.cursor = seq;
            if (recorder.measuring) {
              recorder.carried++;
              recorder.carriedChanges += poke.changes.length;
            }
          } else {
            this.pull('poke');
          }
        }
      },
      onClose: () => {
        if (!this.stopped) this.config.recorder.errors++;
      },
    });
    await hello;
    const { pullIntervalMs, random } = this.config;
    this.every(() => pullIntervalMs * (0.5 + random()), () => this.pull('timer'));
    this.every(() => -Math.log(1 - random()) * this.config.pushIntervalMs, () => void this.push());
  }

  stop(): void {
    this.stopped = true;
    for (const t of this.timers) clearTimeout(t);
    this.live?.close();
  }

  private every(delay: () => number, fn: () => void): void {
    const tick = () => {
      if (this.stopped) return;
      fn();
      this.timers.push(setTimeout(tick, delay()));
    };
    this.timers.push(setTimeout(tick, delay()));
  }

  /** One pull at a time; a poke during a pull asks for one more afterwards. */
  pull(cause: PullCause): void {
    if (this.stopped || this.cursor === null) return;
    if (this.pulling) {
      this.again ||= cause;
      return;
    }
    this.pulling = true;
    void this.pullLoop(cause).finally(() => (this.pulling = false));
  }

  private async pullLoop(first: PullCause): Promise<void> {
    const { base, token, agent, recorder } = this.config;
    let cause: PullCause | false = first;
    do {
      this.again = false;
      for (;;) {
        if (recorder.measuring) recorder.pullsBy[cause]++;
        const measured = recorder.measuring;
        const started = performance.now();
        try {
          const res = await request(agent, `${base}/api/v1/sync/pull?cursor=${this.cursor ?? 0}&limit=5000`, token);
          if (res.status !== 200) throw new Error(`pull ${res.status}`);
          const page = JSON.parse(res.text) as { cursor: number; hasMore: boolean; changes: unknown[] };
          if (measured && recorder.measuring) {
            recorder.pulls.push(performance.now() - started);
            recorder.pulledBytes += res.text.length;
            recorder.pulledChanges += page.changes.length;
          }
          this.cursor = page.cursor;
          if (!page.hasMore) break;
        } catch {
          if (!this.stopped) recorder.errors++;
          return;
        }
      }
      cause = this.again;
    } while (cause && !this.stopped);
  }

  private async push(): Promise<void> {
    const { base, token, agent, recorder, appealIds, random } = this.config;
    const appealId = appealIds[Math.floor(random() * appealIds.length)]!;
    const reply = random() < 0.5;
    const recordId = crypto.randomUUID();
    const mutation = reply
      ? { id: crypto.randomUUID(), name: 'reply.submit', args: { replyId: recordId, appealId, body: 'Уважаемый заявитель! Ваше обращение рассмотрено, работы запланированы на эту неделю.' } }
      : { id: crypto.randomUUID(), name: 'note.add', args: { noteId: recordId, appealId, body: 'Позвонить заявителю после выезда бригады.' } };
    recorder.origins?.set(recordId, this.config.process);
    const measured = recorder.measuring;
    const started = performance.now();
    try {
      const res = await request(agent, `${base}/api/v1/sync/push`, token, JSON.stringify({ clientId: this.clientId, mutations: [mutation] }));
      if (res.status !== 200) throw new Error(`push ${res.status}`);
      const result = (JSON.parse(res.text) as { results: Array<{ status: string }> }).results[0];
      if (measured && recorder.measuring) recorder.pushes.push(performance.now() - started);
      if (result?.status === 'rejected') recorder.rejected++;
    } catch {
      if (!this.stopped) recorder.errors++;
      return;
    }
    this.pull('push');
  }
}
