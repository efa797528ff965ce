/**
 * Messages between the window and the search worker. The worker keeps the stem index (stemming a
 * region's 100,000 appeals is seconds of work) off the thread that draws the clerk's screen.
 */
export type SearchRequest = { id: number; type: 'search'; query: string } | { id: number; type: 'warm' };

/** Committed writes the window saw (its own and other windows'): keys, or 'all' for a bulk write. */
export interface ChangedMessage {
  type: 'changed';
  appeals: string[] | 'all' | null;
  replies: string[] | 'all' | null;
}

export type SearchResponse =
  | { id: number; type: 'search'; ids: string[] | null }
  | { id: number; type: 'warm' }
  | { id: number; type: 'error'; message: string };

/** What the queue asks of search, wherever the index lives (a worker, or this thread). */
export interface SearchService {
  start(): void;
  stop(): void;
  /** Builds the index ahead of the first search. */
  warm(): Promise<void>;
  /** Ids of the appeals matching every word of the query; null for an empty query. */
  search(query: string): Promise<Set<string> | null>;
  /**
   * How many writes to what search reads (appeals, replies) it has been told of. A result shown
   * is stale once this moves: a search asked after that sees the write.
   */
  changes(): number;
  /** Calls `listener` whenever changes() moves; returns the unsubscribe. */
  subscribe(listener: () => void): () => void;
}

/** The counter behind SearchService.changes and subscribe. */
export class ChangeCount {
  private count = 0;
  private readonly listeners = new Set<() => void>();

  readonly changes = (): number => this.count;

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  bump(): void {
    this.count++;
    for (const listener of this.listeners) listener();
  }
}

/** The worker's side: answers one request from the engine it holds. */
export async function answer(engine: Pick<SearchService, 'warm' | 'search'>, request: SearchRequest): Promise<SearchResponse> {
  try {
    if (request.type === 'warm') {
      await engine.warm();
      return { id: request.id, type: 'warm' };
    }
    const ids = await engine.search(request.query);
    return { id: request.id, type: 'search', ids: ids ? [...ids] : null };
  } catch (error) {
    return { id: request.id, type: 'error', message: error instanceof Error ? error.message : String(error) };
  }
}

/** Where the worker's side listens and answers: the worker's own global scope, or a message port in a test. */
export interface ServedPort {
  postMessage(message: SearchResponse): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<SearchRequest | ChangedMessage>) => void): void;
}

/** Serves searches from `engine`, applying the writes it is told of in the order they come. */
export function serveSearch(engine: Pick<SearchService, 'warm' | 'search'> & { changed(appeals: ChangedMessage['appeals'], replies: ChangedMessage['replies']): void }, port: ServedPort): void {
  port.addEventListener('message', (event) => {
    const message = event.data;
    if (message.type === 'changed') engine.changed(message.appeals, message.replies);
    else void answer(engine, message).then((response) => port.postMessage(response));
  });
}
