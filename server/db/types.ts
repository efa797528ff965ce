/** The one data-access surface of the server: the same SQL runs on PGlite and on PostgreSQL. */

export interface QueryResult<T> {
  rows: T[];
}

export interface Queryable {
  query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<QueryResult<T>>;
  /** Several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
}

/**
 * Called with a notification payload, or with null after the listening connection was lost and
 * re-established: notifications may have been missed meanwhile.
 */
export type NotificationListener = (payload: string | null) => void;

export interface Db extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /** Runs `fn` in one transaction: COMMIT when it resolves, ROLLBACK when it throws. */
  tx<T>(fn: (q: Queryable) => Promise<T>): Promise<T>;
  listen(channel: string, cb: NotificationListener): Promise<() => Promise<void>>;
  close(): Promise<void>;
}
