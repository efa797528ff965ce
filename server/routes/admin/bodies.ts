import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  createBodyRequestSchema,
  NEW_BODY_ID_PREFIX,
  placementProblem,
  setBodyDisabledRequestSchema,
  updateBodyRequestSchema,
  type AdminBody,
  type PlacementProblem,
} from '../../../shared/admin-bodies';
import { BodyTree, ROOT_BODY_ID, type Body } from '../../../shared/bodies';
import { idSchema } from '../../../shared/domain';
import { audit } from '../../audit/log';
import { loadBodies } from '../../body-directory';
import { writeTx, type ChangeSet } from '../../changes';
import type { ServerContext } from '../../context';
import type { Queryable } from '../../db/types';
import { ApiError, parseOr400 } from '../../errors';
import { appealsOfBodies, listAdminBodies, lockBody } from '../../repo/admin-bodies';
import { appealChildren } from '../../repo/appeals';
import { GLOBAL_SCOPE, municipalityScope } from '../../scopes';
import { adminOf } from './guard';

const PATH = '/bodies';
const idParams = z.object({ id: idSchema });

const PLACEMENT_MESSAGES: Record<PlacementProblem, string> = {
  unknown_parent: 'Unknown parent body',
  cycle: 'A body cannot move under itself or under a body of its own branch',
  kind: 'This kind of body cannot hang under that parent',
  root: 'The ЦУР is the root and does not move',
};

function refusePlacement(problem: PlacementProblem | null): void {
  if (problem === null) return;
  throw new ApiError(400, 'validation_failed', PLACEMENT_MESSAGES[problem], [{ path: 'parentId', message: problem }]);
}

/** What the audit log keeps of a body. */
const snapshot = (b: Body & { disabled?: boolean }) => ({ name: b.name, kind: b.kind, parentId: b.parentId, disabled: b.disabled === true });

/**
 * A branch moved: its appeals' scopes ('m:<body>') now count for other ancestors. The old
 * ancestors that are not ancestors any more get «left your scope» rows (their workstations delete
 * the appeals), the new ones get the appeals with everything attached. The kinds keep the tree
 * three levels deep, so the only ancestor both sides share is the root, whose people see the
 * whole region and ignore «left» rows anyway.
 */
async function moveBranchScopes(q: Queryable, changes: ChangeSet, branch: readonly string[], oldParents: readonly string[], newParents: readonly string[]): Promise<void> {
  const gone = oldParents.filter((p) => p !== ROOT_BODY_ID && !newParents.includes(p));
  const gained = newParents.filter((p) => p !== ROOT_BODY_ID && !oldParents.includes(p));
  if (gone.length === 0 && gained.length === 0) return;
  for (const appeal of await appealsOfBodies(q, branch)) {
    const children = await appealChildren(q, appeal.id);
    for (const p of gone) {
      changes.leave('appeal', appeal.id, municipalityScope(p));
      for (const c of children) changes.leave(c.entity, c.id, municipalityScope(p));
    }
    // Upserts at the appeal's own scope reach its body and every body above it, the new ones included.
    if (gained.length > 0) {
      changes.upsert('appeal', appeal.id, municipalityScope(appeal.municipalityId));
      for (const c of children) changes.upsert(c.entity, c.id, municipalityScope(appeal.municipalityId));
    }
  }
}

/**
 * «Органы»: the body tree with staff counts; create, rename, move, disable. Each change is one
 * transaction with its audit entry (before and after) and the body's change row, so every
 * workstation's directory (the forward's targets, the names on screen) learns it at its next pull.
 */
export function registerAdminBodyRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.get(PATH, async (): Promise<{ bodies: AdminBody[] }> => ({ bodies: await listAdminBodies(ctx.db) }));

  app.post(PATH, async (request, reply) => {
    const admin = adminOf(request);
    const input = parseOr400(createBodyRequestSchema, request.body);
    const created = await writeTx(ctx.db, async (q, changes) => {
      refusePlacement(placementProblem(await loadBodies(q), null, input.kind, input.parentId));
      const id = `${NEW_BODY_ID_PREFIX}${randomUUID()}`;
      await q.query(
        `INSERT INTO bodies (id, name, kind, parent_id, sort) VALUES ($1, $2, $3, $4, (SELECT coalesce(max(sort), 0) + 1 FROM bodies))`,
        [id, input.name, input.kind, input.parentId],
      );
      const body = (await lockBody(q, id))!;
      await audit(q, { kind: 'admin.change', actor: admin, subject: body.name, address: request.ip, data: { action: 'body.create', before: null, after: { id, ...snapshot(body) } } });
      changes.upsert('body', id, GLOBAL_SCOPE);
      return { ...body, staffCount: 0 };
    });
    return reply.status(201).send({ body: created });
  });

  app.post(`${PATH}/:id`, async (request) => {
    const admin = adminOf(request);
    const { id } = parseOr400(idParams, request.params);
    const input = parseOr400(updateBodyRequestSchema, request.body);
    const body = await writeTx(ctx.db, async (q, changes) => {
      const before = await lockBody(q, id);
      if (!before) throw new ApiError(404, 'not_found', 'Body not found');
      const all = await loadBodies(q);
      const parentId = input.parentId ?? before.parentId;
      if (input.parentId !== undefined && input.parentId !== before.parentId) refusePlacement(placementProblem(all, id, before.kind, input.parentId));
      const after = { ...before, name: input.name ?? before.name, parentId };
      await q.query('UPDATE bodies SET name = $2, parent_id = $3 WHERE id = $1', [id, after.name, after.parentId]);
      if (parentId !== before.parentId) {
        const oldTree = new BodyTree(all);
        const newTree = new BodyTree(all.map((b) => (b.id === id ? { ...b, parentId } : b)));
        await moveBranchScopes(
          q,
          changes,
          oldTree.scopeOf(id),
          oldTree.ancestors(id).map((b) => b.id),
          newTree.ancestors(id).map((b) => b.id),
        );
      }
      const action = parentId !== before.parentId ? (after.name !== before.name ? 'body.update' : 'body.move') : 'body.rename';
      await audit(q, { kind: 'admin.change', actor: admin, subject: after.name, address: request.ip, data: { action, before: { id, ...snapshot(before) }, after: { id, ...snapshot(after) } } });
      changes.upsert('body', id, GLOBAL_SCOPE);
      return after;
    });
    return { body };
  });

  app.post(`${PATH}/:id/disabled`, async (request) => {
    const admin = adminOf(request);
    const { id } = parseOr400(idParams, request.params);
    const input = parseOr400(setBodyDisabledRequestSchema, request.body);
    if (id === ROOT_BODY_ID && input.disabled) throw new ApiError(409, 'conflict', 'The ЦУР cannot be disabled');
    const body = await writeTx(ctx.db, async (q, changes) => {
      const before = await lockBody(q, id);
      if (!before) throw new ApiError(404, 'not_found', 'Body not found');
      await q.query(`UPDATE bodies SET disabled_at = CASE WHEN $2 THEN coalesce(disabled_at, now()) ELSE NULL END WHERE id = $1`, [id, input.disabled]);
      const after = { ...before, disabled: input.disabled };
      await audit(q, {
        kind: 'admin.change',
        actor: admin,
        subject: before.name,
        address: request.ip,
        data: { action: input.disabled ? 'body.disable' : 'body.enable', before: { id, ...snapshot(before) }, after: { id, ...snapshot(after) } },
      });
      changes.upsert('body', id, GLOBAL_SCOPE);
      return after;
    });
    return { body };
  });
}
