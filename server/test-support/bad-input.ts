import type { Queryable } from '../db/types';

/** The strings and shapes an attacker (or a broken connector) sends instead of what was asked. */
export const BAD_STRINGS: ReadonlyArray<readonly [string, unknown]> = [
  ['NUL', 'a\u0000b'],
  ['only NUL', '\u0000'],
  ['lone high surrogate', 'a\uD800b'],
  ['lone low surrogate', '\uDC00'],
  ['over-long', 'я'.repeat(70_000)],
  ['number', 42],
  ['boolean', true],
  ['null', null],
  ['object', { $ne: '' }],
  ['array', ['a']],
];

/** For a leaf that is not a string (a number, a flag, a list). */
export const BAD_NON_STRINGS: ReadonlyArray<readonly [string, unknown]> = [
  ['string with NUL', '1\u0000'],
  ['negative', -1],
  ['fraction', 0.5],
  ['huge number', 1e308],
  ['null', null],
  ['object', { a: 1 }],
  ['huge array', Array.from({ length: 20_000 }, () => ({ id: 'x' }))],
];

export const MISSING = Symbol('missing');

export interface Variant {
  /** Where in the body, e.g. "author.name" or "mutations.0.args.body". */
  path: string;
  label: string;
  body: unknown;
}

type Json = unknown;

function leaves(value: Json, prefix: string[] = []): Array<{ path: string[]; value: Json }> {
  if (Array.isArray(value)) return [{ path: prefix, value }, ...value.flatMap((v, i) => leaves(v, [...prefix, String(i)]))];
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => leaves(v, [...prefix, k]));
  }
  return [{ path: prefix, value }];
}

function withLeaf(body: Json, path: string[], replacement: unknown): Json {
  if (path.length === 0) return replacement === MISSING ? undefined : replacement;
  const [head, ...rest] = path as [string, ...string[]];
  if (Array.isArray(body)) {
    const copy = [...body];
    const next = withLeaf(copy[Number(head)], rest, replacement);
    if (next === undefined && rest.length === 0) copy.splice(Number(head), 1);
    else copy[Number(head)] = next;
    return copy;
  }
  const copy = { ...(body as Record<string, unknown>) };
  if (rest.length === 0 && replacement === MISSING) delete copy[head];
  else copy[head] = withLeaf(copy[head], rest, replacement);
  return copy;
}

/**
 * Every leaf of a valid body replaced, one at a time, by each bad value of its kind, and removed.
 * `fresh` makes a new valid body for each variant (new ids, so an accepted variant is not a duplicate).
 */
export function leafVariants(fresh: () => Json, skip: (path: string) => boolean = () => false): Variant[] {
  const out: Variant[] = [];
  for (const leaf of leaves(fresh())) {
    const path = leaf.path.join('.');
    if (path === '' || skip(path)) continue;
    const bad = typeof leaf.value === 'string' ? BAD_STRINGS : BAD_NON_STRINGS;
    for (const [label, value] of [...bad, ['missing', MISSING] as const]) {
      out.push({ path, label, body: withLeaf(fresh(), leaf.path, value) });
    }
  }
  return out;
}

/** Whole bodies that are not what any JSON endpoint takes. */
/** `object`: a JSON object some endpoint (a dry-run check) may take as it is; every other body must be refused. */
export const BAD_BODIES: ReadonlyArray<{ label: string; contentType: string | null; body: string | Uint8Array; object?: true }> = [
  { label: 'not JSON', contentType: 'application/json', body: '{"a": ' },
  { label: 'JSON with a NUL escape in a key', contentType: 'application/json', body: '{"\\u0000":"\\u0000"}', object: true },
  { label: 'JSON with a lone surrogate escape', contentType: 'application/json', body: '{"text":"\\ud800"}', object: true },
  { label: 'raw NUL bytes', contentType: 'application/json', body: new Uint8Array([0x7b, 0x00, 0x7d]) },
  { label: 'invalid UTF-8', contentType: 'application/json', body: new Uint8Array([0x22, 0xed, 0xa0, 0x80, 0x22]) },
  { label: 'null', contentType: 'application/json', body: 'null' },
  { label: 'an array', contentType: 'application/json', body: '[]' },
  { label: 'a string', contentType: 'application/json', body: '"x"' },
  { label: 'a number', contentType: 'application/json', body: '1' },
  { label: 'an empty object', contentType: 'application/json', body: '{}', object: true },
  { label: 'prototype pollution', contentType: 'application/json', body: '{"__proto__":{"role":"admin"},"constructor":{"prototype":{"x":1}}}', object: true },
  { label: 'deep nesting', contentType: 'application/json', body: `${'['.repeat(5000)}${']'.repeat(5000)}` },
  { label: 'a huge array', contentType: 'application/json', body: JSON.stringify({ mutations: Array.from({ length: 100_000 }, () => 0) }), object: true },
  { label: 'empty body', contentType: 'application/json', body: '' },
  { label: 'text/plain', contentType: 'text/plain', body: '{"a":1}' },
  { label: 'a form', contentType: 'application/x-www-form-urlencoded', body: 'a=1&b=%00' },
  { label: 'multipart', contentType: 'multipart/form-data; boundary=x', body: '--x\r\n\r\n--x--' },
  { label: 'no content type', contentType: null, body: '{"a":1}' },
];

/** Query strings with NUL, broken UTF-8, repeated and over-long parameters. */
export const BAD_QUERY_VALUES: readonly string[] = ['%00', '%ED%A0%80', '%F0%9F', 'a%00b', '-1', '1e400', 'NaN', 'x'.repeat(10_000), '%5B%5D'];

/** Path segments for a `:param`: NUL, broken UTF-8, an over-long id. */
export const BAD_PATH_SEGMENTS: readonly string[] = ['%00', '%ED%A0%80', '%C0%AF', 'x'.repeat(3000), '..%2F..%2Fetc%2Fpasswd'];

/** Tables that record requests rather than hold what people stored (a refused mutation is remembered as refused). */
const REQUEST_RECORDS = new Set(['client_mutations', 'schema_migrations', 'login_failures']);

/**
 * A fingerprint of everything stored (each table's rows as text), to prove that a refused request
 * changed nothing. Tables added later are included without being listed here. The tables are
 * listed once; each call is then one query.
 */
export async function storedDigester(q: Queryable): Promise<() => Promise<string>> {
  const tables = await q.query<{ name: string }>(
    `SELECT table_name AS name FROM information_schema.tables
     WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name`,
  );
  const parts = tables.rows
    .filter(({ name }) => !REQUEST_RECORDS.has(name))
    .map(({ name }) => `'${name}:' || (SELECT count(*) || ':' || md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) FROM "${name}" t)`);
  const sql = `SELECT ${parts.join(" || E'\\n' || ")} AS digest`;
  return async () => (await q.query<{ digest: string }>(sql)).rows[0]!.digest;
}
