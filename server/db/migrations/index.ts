import { sql as init } from './001-init';

/** Applied in order, each once; ids are recorded in schema_migrations. Append, never edit. */
export const MIGRATIONS: ReadonlyArray<{ id: string; sql: string }> = [{ id: '001-init', sql: init }];
