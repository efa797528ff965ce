import { z } from 'zod';
import { idSchema } from './domain';

/**
 * The region's bodies (органы) as a tree: the ЦУР at the root, ministries and agencies and
 * municipalities under it, settlement administrations under a municipal district.
 *
 * A municipality's body has the municipality's own id, so the appeals, users, templates and
 * change rows made before bodies existed keep pointing at the right place: on the wire an
 * appeal's and a user's `municipalityId` hold a body id (protocol v1 keeps the field's name).
 * A user whose `municipalityId` is null belongs to the root, the ЦУР.
 */
export const BODY_KINDS = ['cur', 'ministry', 'agency', 'municipality', 'settlement'] as const;
export const bodyKindSchema = z.enum(BODY_KINDS);
export type BodyKind = z.infer<typeof bodyKindSchema>;

/** The root body's id: the region's ЦУР. */
export const ROOT_BODY_ID = 'cur';

export const BODY_NAME_MAX_LENGTH = 300;

export const bodySchema = z.object({
  id: idSchema,
  name: z.string().min(1).max(BODY_NAME_MAX_LENGTH),
  kind: bodyKindSchema,
  /** null only for the root. */
  parentId: idSchema.nullable(),
  /** A disabled body receives nothing new (routing and forwards pass it by); absent means enabled. */
  disabled: z.boolean().optional(),
});
export type Body = z.infer<typeof bodySchema>;

/** Which kinds may hang under which: the tree's shape, checked when an administrator edits it. */
const ALLOWED_PARENT: Record<BodyKind, readonly BodyKind[]> = {
  cur: [],
  ministry: ['cur'],
  agency: ['cur', 'ministry'],
  municipality: ['cur'],
  settlement: ['municipality'],
};

export function mayHangUnder(kind: BodyKind, parentKind: BodyKind | null): boolean {
  return parentKind === null ? kind === 'cur' : ALLOWED_PARENT[kind].includes(parentKind);
}

/** The tree, indexed once, for the questions scopes ask. */
export class BodyTree {
  private readonly byId = new Map<string, Body>();
  private readonly children = new Map<string, Body[]>();

  constructor(bodies: readonly Body[]) {
    for (const b of bodies) this.byId.set(b.id, b);
    for (const b of bodies) {
      if (b.parentId === null) continue;
      const list = this.children.get(b.parentId) ?? [];
      list.push(b);
      this.children.set(b.parentId, list);
    }
  }

  get(id: string): Body | undefined {
    return this.byId.get(id);
  }

  get size(): number {
    return this.byId.size;
  }

  list(): Body[] {
    return [...this.byId.values()];
  }

  /** Parent first, up to the root; a cycle (a broken tree) stops the walk rather than loop. */
  ancestors(id: string): Body[] {
    const out: Body[] = [];
    const seen = new Set([id]);
    let parentId = this.byId.get(id)?.parentId ?? null;
    while (parentId !== null && !seen.has(parentId)) {
      const parent = this.byId.get(parentId);
      if (!parent) break;
      out.push(parent);
      seen.add(parentId);
      parentId = parent.parentId;
    }
    return out;
  }

  /** Every body under this one (not itself), breadth first. */
  descendants(id: string): Body[] {
    const out: Body[] = [];
    const seen = new Set([id]);
    const queue = [id];
    while (queue.length > 0) {
      const next = queue.shift()!;
      for (const c of this.children.get(next) ?? []) {
        if (seen.has(c.id)) continue;
        seen.add(c.id);
        out.push(c);
        queue.push(c.id);
      }
    }
    return out;
  }

  /** The ids a person of this body sees: the body and everything under it. */
  scopeOf(id: string): string[] {
    return [id, ...this.descendants(id).map((b) => b.id)];
  }

  /** Is body `x` within the scope of body `y` (y itself, or under it)? */
  isWithin(x: string, y: string): boolean {
    return x === y || this.ancestors(x).some((a) => a.id === y);
  }

  /** The municipality a body belongs to (itself, or a settlement's district); null for others. */
  municipalityOf(id: string): Body | null {
    const b = this.byId.get(id);
    if (!b) return null;
    if (b.kind === 'municipality') return b;
    return this.ancestors(id).find((a) => a.kind === 'municipality') ?? null;
  }
}

/** The body a user belongs to: null stands for the root (the ЦУР) as it did for «the region». */
export function userBodyId(user: { municipalityId: string | null }): string {
  return user.municipalityId ?? ROOT_BODY_ID;
}
