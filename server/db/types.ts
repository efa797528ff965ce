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
  /**
   * Rows of text columns as their UTF-8 bytes, never decoded into strings: a pull page of
   * megabytes of JSON goes from the database to the socket as it is (decoding it and encoding it
   * again was half the server's time of a bootstrap). Every column of `sql` must be of type text.
   */
  queryBytes(sql: string, params?: readonly (string | number)[]): Promise<(Buffer | null)[][]>;
  /** Runs `fn` in one transaction: COMMIT when it resolves, ROLLBACK when it throws. */
  tx<T>(fn: (q: Queryable) => Promise<T>): Promise<T>;
  listen(channel: string, cb: NotificationListener): Promise<() => Promise<void>>;
  close(): Promise<void>;
}
