import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { API_PREFIX } from '../../shared/protocol';
import { errorBody } from './errors';

const NOT_BUILT_PAGE = `<!doctype html>
<html lang="ru"><head><meta charset="utf-8"><title>Отклик — сервер</title></head>
<body style="font-family: sans-serif; max-width: 40em; margin: 3em auto; line-height: 1.5">
<h1>Региональный сервер «Отклик» работает</h1>
<p>Веб-версия рабочего места ещё не собрана. Соберите её командой <code>npm run build</code>
и перезапустите сервер — тогда она откроется по этому адресу.</p>
<p>Проверка состояния сервера: <a href="${API_PREFIX}/health">${API_PREFIX}/health</a></p>
</body></html>`;

/**
 * The built workstation (browser mode) at '/', with every non-API path falling back to its
 * index.html so client-side routes survive a reload. API paths that match nothing get a JSON 404.
 */
export async function registerStatic(app: FastifyInstance, dir: string | null): Promise<void> {
  const built = dir !== null && existsSync(join(dir, 'index.html'));
  if (built) {
    await app.register(fastifyStatic, { root: dir, wildcard: true });
  } else {
    app.get('/', (_req, reply) => reply.type('text/html; charset=utf-8').send(NOT_BUILT_PAGE));
  }
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    const isApi = path === '/api' || path.startsWith('/api/');
    // A missing asset (a name with an extension) is a real 404, not the app's page.
    const isAsset = /\.[a-z0-9]+$/i.test(path.slice(path.lastIndexOf('/') + 1));
    if (!isApi && !isAsset && built && (request.method === 'GET' || request.method === 'HEAD')) {
      return reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').sendFile('index.html');
    }
    return reply.status(404).send(errorBody('not_found', `No route ${request.method} ${path}`));
  });
}
