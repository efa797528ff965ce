import type { Body } from '../../../../shared/bodies';

/**
 * The bodies in the order a tree is read: each body followed by its branch, with its depth for
 * the indent. Bodies whose parent is missing (a broken tree) come last at depth 0, never lost.
 */
export function treeOrder<B extends Body>(bodies: readonly B[]): Array<{ body: B; depth: number }> {
  const children = new Map<string | null, B[]>();
  const ids = new Set(bodies.map((b) => b.id));
  for (const b of bodies) {
    const parent = b.parentId !== null && ids.has(b.parentId) ? b.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), b]);
  }
  const out: Array<{ body: B; depth: number }> = [];
  const seen = new Set<string>();
  const walk = (parent: string | null, depth: number) => {
    for (const b of children.get(parent) ?? []) {
      if (seen.has(b.id)) continue;
      seen.add(b.id);
      out.push({ body: b, depth });
      walk(b.id, depth + 1);
    }
  };
  walk(null, 0);
  for (const b of bodies) if (!seen.has(b.id)) out.push({ body: b, depth: 0 });
  return out;
}
