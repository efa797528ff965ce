import { openPglite } from './pglite';
import { openPostgres } from './postgres';
import type { Db } from './types';

export interface DbConfig {
  /** PostgreSQL connection string; when unset, the embedded PGlite is used. */
  databaseUrl?: string | undefined;
  /** PGlite data directory, or 'memory' for a throwaway database. */
  dataDir?: string | undefined;
  /** PostgreSQL connections in the pool. */
  poolSize?: number | undefined;
}

export function openDb(config: DbConfig): Promise<Db> {
  if (config.databaseUrl) return openPostgres(config.databaseUrl, config.poolSize);
  return openPglite(config.dataDir ?? './data/pglite');
}
