import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { ATTACHMENT_MAX_BYTES, checkAttachment, sniffAttachmentType } from '../../shared/attachments';
import { idSchema } from '../../shared/domain';
import { canSeeAppeal } from '../../shared/permissions';
import { API_PREFIX } from '../../shared/protocol';
import { proseText } from '../../shared/text';
import { userBodyId } from '../../shared/bodies';
import { loadApprovalPolicy } from '../approval-policy';
import { loadRegionalDays } from '../deadline-rules';
import { authenticate } from '../auth/guard';
import type { Principal } from '../body-directory';
import type { ServerContext } from '../context';
import { ApiError, parseOr400 } from '../errors';
import { sendStoredFile } from './stored-file';
import { loadAppeal } from '../repo/appeals';

/** A body that forwarded the appeal keeps reading it, files included (not adding to it). */
async function followsAppeal(ctx: ServerContext, actor: Principal, appealId: string): Promise<boolean> {
  const bodies = [userBodyId(actor), ...actor.within];
  const res = await ctx.db.query('SELECT 1 FROM appeal_followers WHERE appeal_id = $1 AND body_id = ANY($2::text[])', [appealId, bodies]);
  return res.rows.length > 0;
}

export const uploadQuery = z.object({ id: idSchema, appealId: idSchema, name: proseText(1, 255) });

/**
 * Files for replies: POST the bytes (the body is the file, its type in content-type; id, appeal and
 * file name in the query), GET them back. Only photos and PDF of up to 10 MB are taken, judged by
 * their content as well as their label. An upload is idempotent by the client-made id.
 */
export async function registerAttachmentRoutes(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  await app.register(async (scope) => {
    // Every body is taken as bytes here, so a wrong type is answered with our own code, not Fastify's.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: ATTACHMENT_MAX_BYTES + 1024 }, (_req, body, done) => done(null, body));

    scope.post(`${API_PREFIX}/attachments`, async (request, reply) => {
      const actor = await authenticate(ctx, request);
      const query = parseOr400(uploadQuery, request.query);
      const bytes = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      const mime = String(request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
      const check = checkAttachment({ mime, size: bytes.length, name: query.name });
      if (!check.ok) throw new ApiError(check.code === 'payload_too_large' ? 413 : check.code === 'unsupported_media_type' ? 415 : 400, check.code, check.message);
      if (sniffAttachmentType(bytes) !== mime) throw new ApiError(415, 'unsupported_media_type', 'File content does not match its type');
      const appeal = await loadAppeal(ctx.db, query.appealId);
      if (!appeal) throw new ApiError(404, 'not_found', 'Appeal not found');
      if (!canSeeAppeal(actor, appeal)) throw new ApiError(403, 'forbidden', 'Appeal is outside your scope');
      const inserted = await ctx.db.query(
        `INSERT INTO attachments (id, appeal_id, owner_id, name, mime, size, data) VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (id) DO NOTHING RETURNING id`,
        [query.id, appeal.id, actor.id, query.name, mime, bytes.length, bytes],
      );
      if (inserted.rows.length === 0) {
        const owner = await ctx.db.query<{ owner_id: string }>('SELECT owner_id FROM attachments WHERE id = $1', [query.id]);
        if (owner.rows[0]?.owner_id !== actor.id) throw new ApiError(403, 'forbidden', 'Attachment id is taken');
      }
      return reply.status(inserted.rows.length > 0 ? 201 : 200).send({
        id: query.id,
        name: query.name,
        mime,
        size: bytes.length,
        url: `${API_PREFIX}/attachments/${query.id}`,
      });
    });
  });

  // Images are loaded by <img>, which sends no header: a ticket for this attachment may come in the query.
  app.get(`${API_PREFIX}/attachments/:id`, async (request, reply) => {
    const { id } = parseOr400(z.object({ id: idSchema }), request.params);
    const actor = await authenticate(ctx, request, { purpose: 'attachment', resource: id });
    const res = await ctx.db.query<{ appeal_id: string; name: string; mime: string; data: Uint8Array }>(
      'SELECT appeal_id, name, mime, data FROM attachments WHERE id = $1',
      [id],
    );
    const row = res.rows[0];
    const appeal = row ? await loadAppeal(ctx.db, row.appeal_id) : null;
    if (!row || !appeal || !(canSeeAppeal(actor, appeal) || (await followsAppeal(ctx, actor, appeal.id)))) {
      throw new ApiError(404, 'not_found', 'Attachment not found');
    }
    return sendStoredFile(reply, row, 'inline', 'private, max-age=86400');
  });

  // What the workstation needs to know of the region's rules before it goes offline.
  app.get(`${API_PREFIX}/policy/approval`, async (request) => {
    await authenticate(ctx, request);
    return loadApprovalPolicy(ctx.db);
  });

  // The region's own days off and working weekends, so a workstation colours deadlines as the server counts them.
  app.get(`${API_PREFIX}/policy/calendar`, async (request) => {
    await authenticate(ctx, request);
    return loadRegionalDays(ctx.db);
  });
}
