import { z } from 'zod';
import { BODY_NAME_MAX_LENGTH, bodyKindSchema, bodySchema, mayHangUnder, type Body, type BodyKind } from './bodies';
import { idSchema } from './domain';
import { proseText } from './text';

/**
 * The «Органы» screen of the administrator's console, under /api/v1/admin/bodies: the tree of
 * bodies with their staff counts, a new body, a rename, a move under another parent, disabling.
 * A disabled body keeps its staff and appeals but receives nothing new: routing and forwards
 * pass it by.
 */

export const bodyNameSchema = proseText(1, BODY_NAME_MAX_LENGTH);

/** A body as the console lists it: the synced fields plus what only the console needs. */
export const adminBodySchema = bodySchema.extend({
  disabled: z.boolean(),
  /** Users who belong to this body itself (not under it), disabled ones included. */
  staffCount: z.number().int().nonnegative(),
});
export type AdminBody = z.infer<typeof adminBodySchema>;
export const adminBodiesResponseSchema = z.object({ bodies: z.array(adminBodySchema) });

export const createBodyRequestSchema = z.object({
  name: bodyNameSchema,
  kind: bodyKindSchema.exclude(['cur']),
  parentId: idSchema,
});
export type CreateBodyRequest = z.infer<typeof createBodyRequestSchema>;

/** A rename and/or a move; the fields not sent stay as they are. */
export const updateBodyRequestSchema = z
  .object({ name: bodyNameSchema.optional(), parentId: idSchema.optional() })
  .refine((u) => u.name !== undefined || u.parentId !== undefined, { message: 'Nothing to change' });
export type UpdateBodyRequest = z.infer<typeof updateBodyRequestSchema>;

export const setBodyDisabledRequestSchema = z.object({ disabled: z.boolean() });

export type PlacementProblem = 'unknown_parent' | 'cycle' | 'kind' | 'root';

/**
 * May a body of `kind` (the body `id`, or a new one when id is null) hang under `parentId`?
 * Null when it may; otherwise why not: the parent does not exist, the parent is the body itself
 * or under it (a cycle would cut a branch off the tree), the kinds do not fit (a ministry under a
 * district), or it is the root, which never moves.
 */
export function placementProblem(bodies: readonly Body[], id: string | null, kind: BodyKind, parentId: string): PlacementProblem | null {
  const byId = new Map(bodies.map((b) => [b.id, b]));
  if (kind === 'cur') return 'root';
  const parent = byId.get(parentId);
  if (!parent) return 'unknown_parent';
  if (id !== null) {
    // Walk up from the new parent: meeting the body itself means it would hang under its own branch.
    const seen = new Set<string>();
    for (let at: Body | undefined = parent; at; at = at.parentId === null ? undefined : byId.get(at.parentId)) {
      if (at.id === id) return 'cycle';
      if (seen.has(at.id)) break;
      seen.add(at.id);
    }
  }
  return mayHangUnder(kind, parent.kind) ? null : 'kind';
}

/** The id of a new body: a slug-free random id is fine, the console shows names. */
export const NEW_BODY_ID_PREFIX = 'b-';
