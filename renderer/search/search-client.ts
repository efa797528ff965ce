import Dexie, { type ObservabilitySet } from 'dexie';
import type { OtklikDb } from '../db/schema';
import { answer, ChangeCount, type ChangedMessage, type SearchRequest, type SearchResponse, type SearchService } from './protocol';
import { AppealSearch, searchedKeys } from './query';

/** The part of a Worker the client uses: a real one in the app, a message port in a test. */
export interface SearchPort {
  postMessage(message: SearchRequest | ChangedMessage): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<SearchResponse>) => void): void;
  addEventListener(type: 'error', listener: (event: Event) => void): void;
  terminate?(): void;
}

type Pending = { request: SearchRequest; resolve: (r: SearchResponse) => void; reject: (e: Error) => void };

/**
 * Search answered by a worker. Where the worker cannot start (an old engine, a blocked script), the
 * same index is built on this thread instead, and the requests already sent are asked again there:
 * search keeps working, only less smoothly.
 */
export class WorkerSearch implements SearchService {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private fallback: AppealSearch | null = null;
  private started = false;
  private readonly counted = new ChangeCount();
  readonly changes = this.counted.changes;
  readonly subscribe = this.counted.subscribe;

  constructor(
    private readonly db: OtklikDb,
    private readonly port: SearchPort,
    private readonly makeFallback: () => AppealSearch,
  ) {
    port.addEventListener('message', (event) => this.onResponse(event.data));
    port.addEventListener('error', () => this.fallBack());
  }

  start(): void {
    if (this.started) return;
    this.started = true;
    this.fallback?.start();
    Dexie.on('storagemutated', this.onMutated);
  }

  stop(): void {
    this.started = false;
    Dexie.on.storagemutated.unsubscribe(this.onMutated);
    this.fallback?.stop();
    this.port.terminate?.();
  }

  /**
   * Told on the same port as the searches, so a search sent after a write is answered after it.
   * (After falling back, the engine on this thread hears the write itself.)
   */
  private readonly onMutated = (parts: ObservabilitySet): void => {
    const { appeals, replies } = searchedKeys(this.db.name, parts);
    if (!appeals && !replies) return;
    if (!this.fallback) this.port.postMessage({ type: 'changed', appeals, replies });
    this.counted.bump();
  };

  async warm(): Promise<void> {
    await this.ask({ id: 0, type: 'warm' });
  }

  async search(query: string): Promise<Set<string> | null> {
    const response = await this.ask({ id: 0, type: 'search', query });
    return response.type === 'search' && response.ids ? new Set(response.ids) : null;
  }

  private ask(request: SearchRequest): Promise<SearchResponse> {
    if (this.fallback) return this.askLocally(this.fallback, request);
    const message = { ...request, id: this.nextId++ };
    return new Promise((resolve, reject) => {
      this.pending.set(message.id, { request: message, resolve, reject });
      this.port.postMessage(message);
    });
  }

  private onResponse(response: SearchResponse): void {
    const waiting = this.pending.get(response.id);
    if (!waiting) return;
    this.pending.delete(response.id);
    if (response.type === 'error') waiting.reject(new Error(response.message));
    else waiting.resolve(response);
  }

  private fallBack(): void {
    if (this.fallback) return;
    const engine = (this.fallback = this.makeFallback());
    if (this.started) engine.start();
    this.port.terminate?.();
    const waiting = [...this.pending.values()];
    this.pending.clear();
    for (const w of waiting) this.askLocally(engine, w.request).then(w.resolve, w.reject);
  }

  private async askLocally(engine: AppealSearch, request: SearchRequest): Promise<SearchResponse> {
    const response = await answer(engine, request);
    if (response.type === 'error') throw new Error(response.message);
    return response;
  }
}

/** Search in a worker where the platform has workers; on this thread where it has not (tests in Node). */
export function createAppealSearch(db: OtklikDb): SearchService {
  if (typeof Worker === 'undefined') return new AppealSearch(db);
  let worker: Worker;
  try {
    worker = new Worker(new URL('./search.worker.ts', import.meta.url), { type: 'module', name: 'otklik-search' });
  } catch {
    return new AppealSearch(db);
  }
  return new WorkerSearch(db, worker as unknown as SearchPort, () => new AppealSearch(db));
}
