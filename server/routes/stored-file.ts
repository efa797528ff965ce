import type { FastifyReply } from 'fastify';

/**
 * A file kept in the database, sent back as it was stored: its own type (never sniffed by the
 * browser), its name in UTF-8, shown in the page (`inline`) or saved (`attachment`).
 */
export function sendStoredFile(reply: FastifyReply, file: { name: string; mime: string; data: Uint8Array }, disposition: 'inline' | 'attachment', cacheControl: string): FastifyReply {
  return reply
    .header('content-type', file.mime)
    .header('content-disposition', `${disposition}; filename*=UTF-8''${encodeURIComponent(file.name)}`)
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', cacheControl)
    .send(Buffer.from(file.data));
}
