import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { ATTACHMENT_MAX_BYTES, checkAttachment, sniffAttachmentType } from '../../shared/attachments';
import { botFileSchema } from '../../shared/chatbot/model';
import { idSchema } from '../../shared/domain';
import { API_PREFIX } from '../../shared/protocol';
import { proseText } from '../../shared/text';
import { audit } from '../audit/log';
import type { ServerContext } from '../context';
import { ApiError, parseOr400 } from '../errors';
import { sendStoredFile } from './stored-file';
import { botKeeper, requireBot } from './bots';

const params = z.object({ id: idSchema });
const fileParams = z.object({ id: idSchema, fileId: idSchema });
const uploadQuery = z.object({ name: proseText(1, 255) });

/**
 * The files of a topic's ready answer: POST the bytes (the body is the file, its type in
 * content-type, its name in the query), as for a reply's attachments: photos and PDF of up to 10 MB,
 * judged by their content as well as their label. GET gives them back to the ЦУР's screen. The
 * tree names a file by the id answered here; the publish checks that it exists for this bot.
 */
export async function registerBotFileRoutes(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  await app.register(async (scope) => {
    // Every body is taken as bytes here, so a wrong type is answered with our own code, not Fastify's.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: ATTACHMENT_MAX_BYTES + 1024 }, (_req, body, done) => done(null, body));

    scope.post(`${API_PREFIX}/bots/:id/files`, async (request, reply) => {
      const actor = await botKeeper(ctx, request);
      const { id } = parseOr400(params, request.params);
      const { name } = parseOr400(uploadQuery, request.query);
      const bytes = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      const mime = String(request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
      const check = checkAttachment({ mime, size: bytes.length, name });
      if (!check.ok) throw new ApiError(check.code === 'payload_too_large' ? 413 : check.code === 'unsupported_media_type' ? 415 : 400, check.code, check.message);
      if (sniffAttachmentType(bytes) !== mime) throw new ApiError(415, 'unsupported_media_type', 'File content does not match its type');
      await requireBot(ctx.db, id);
      const file = botFileSchema.parse({ id: randomUUID(), name, mime, size: bytes.length });
      await ctx.db.tx(async (q) => {
        await q.query('INSERT INTO bot_files (id, bot_id, name, mime, size, data, uploaded_by) VALUES ($1, $2, $3, $4, $5, $6, $7)', [file.id, id, file.name, file.mime, file.size, bytes, actor.id]);
        await audit(q, { kind: 'admin.change', actor, subject: `bot:${id}`, address: request.ip, data: { action: 'bot.file_upload', before: null, after: file } });
      });
      return reply.code(201).send(file);
    });
  });

  app.get(`${API_PREFIX}/bots/:id/files/:fileId`, async (request, reply) => {
    await botKeeper(ctx, request);
    const { id, fileId } = parseOr400(fileParams, request.params);
    const res = await ctx.db.query<{ name: string; mime: string; data: Uint8Array }>('SELECT name, mime, data FROM bot_files WHERE id = $1 AND bot_id = $2', [fileId, id]);
    const row = res.rows[0];
    if (!row) throw new ApiError(404, 'not_found', 'File not found');
    return sendStoredFile(reply, row, 'attachment', 'private, no-store');
  });
}
