import type { FastifyInstance } from 'fastify';
import { BASE_SECURITY_HEADERS, pageSecurityHeaders } from '../../shared/csp';

const PAGE_HEADERS = pageSecurityHeaders();

/**
 * Set when the request arrives (not at send), so they are on every answer: errors, the static
 * files, and the live channel, which writes its head itself. The workstation's pages (everything
 * outside /api) get the same Content-Security-Policy as the Electron shell and refuse framing;
 * API answers get no-sniff and no-referrer.
 */
export function registerSecurityHeaders(app: FastifyInstance): void {
  app.addHook('onRequest', async (request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    const isApi = path === '/api' || path.startsWith('/api/');
    reply.headers(isApi ? BASE_SECURITY_HEADERS : PAGE_HEADERS);
  });
}
