import { BodyTree, ROOT_BODY_ID, userBodyId, type Body } from '../shared/bodies';
import type { User } from '../shared/domain';
import type { Queryable } from './db/types';

export const BODY_COLUMNS = `id, name, kind, parent_id AS "parentId", disabled_at IS NOT NULL AS disabled`;

export async function loadBodies(q: Queryable): Promise<Body[]> {
  const res = await q.query<Body>(`SELECT ${BODY_COLUMNS} FROM bodies ORDER BY sort, id`);
  return res.rows;
}

/**
 * The body tree, read once and kept until the bodies change. Every change to the table bumps
 * settings.bodies_version (a trigger, so a change made by another server process counts too);
 * checking it is one primary-key read per request instead of reading the whole tree.
 */
export class BodyDirectory {
  private cached: { version: string; tree: BodyTree } | null = null;

  async tree(q: Queryable): Promise<BodyTree> {
    const res = await q.query<{ value: string }>(`SELECT value FROM settings WHERE key = 'bodies_version'`);
    return this.treeAt(q, res.rows[0]?.value ?? '0');
  }

  /** The tree at a version read already (with the request's other state, in one query). */
  async treeAt(q: Queryable, version: string): Promise<BodyTree> {
    if (this.cached?.version === version) return this.cached.tree;
    const tree = new BodyTree(await loadBodies(q));
    this.cached = { version, tree };
    return tree;
  }
}

/** A signed-in person with the bodies their scope covers (their body and all under it). */
export type Principal = User & { within: string[] };

export function principal(user: User, tree: BodyTree): Principal {
  const body = userBodyId(user);
  // The root sees everything anyway (hasRegionScope): no need to list the whole region.
  return { ...user, within: body === ROOT_BODY_ID ? [] : tree.scopeOf(body).filter((id) => id !== body) };
}
