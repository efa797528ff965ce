import type { DBCore, DBCoreTable, Middleware } from 'dexie';
import { replySearchTokens, searchTokens } from './tokens';

/** The property holding a record's stems (a multi-entry index); never part of the domain record. */
export const SEARCH_FIELD = 'searchTokens';

type Row = Record<string, unknown>;
const TOKENIZERS: Record<string, (row: never) => string[]> = {
  appeals: searchTokens,
  replies: replySearchTokens,
};

function strip<T>(row: T): T {
  if (row && typeof row === 'object' && SEARCH_FIELD in row) delete (row as Row)[SEARCH_FIELD];
  return row;
}

/**
 * Keeps the stems of appeals and replies current on every write, whoever writes (the pull
 * writer, the outbox, an upgrade), and hides them from every read: the rest of the workstation
 * sees plain domain records. A DBCore middleware rather than Dexie hooks: hooks make bulkPut read
 * each old record first, which a 100,000-appeal bootstrap cannot afford.
 */
export const searchTokensMiddleware: Middleware<DBCore> = {
  stack: 'dbcore',
  name: 'otklik-search-tokens',
  create(down: DBCore): DBCore {
    return {
      ...down,
      table(name: string): DBCoreTable {
        const table = down.table(name);
        const tokenize = TOKENIZERS[name] as ((row: Row) => string[]) | undefined;
        if (!tokenize) return table;
        return {
          ...table,
          mutate(req) {
            if (req.type !== 'add' && req.type !== 'put') return table.mutate(req);
            const values = req.values.map((v: Row) => ({ ...v, [SEARCH_FIELD]: tokenize(v) }));
            return table.mutate({ ...req, values });
          },
          get: (req) => table.get(req).then(strip),
          getMany: (req) => table.getMany(req).then((rows) => rows.map(strip)),
          query: (req) =>
            table.query(req).then((res) => {
              if (req.values) for (const row of res.result) strip(row);
              return res;
            }),
        };
      },
    };
  },
};
