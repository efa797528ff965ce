import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { UPDATES_PATH } from '../../shared/updates';

/**
 * A release file's name as electron-builder writes it (Otklik-0.2.0.AppImage, latest-linux.yml,
 * Otklik-Setup-0.2.0.exe.blockmap): one path segment, no leading dot. Anything else — a
 * subfolder, `..`, an encoded slash — is not a release file and gets the JSON 404.
 */
const RELEASE_FILE = /^[A-Za-z0-9_][A-Za-z0-9_.+ -]{0,199}$/;

export function isReleaseFileName(pathname: string): boolean {
  const name = pathname.startsWith('/') ? pathname.slice(1) : pathname;
  return RELEASE_FILE.test(name) && !name.includes('..');
}

/**
 * The workstation update feed: electron-updater's generic provider reads `latest.yml` (Windows)
 * or `latest-linux.yml` (Linux) from this folder, then downloads the installer it names and checks
 * its sha512. The operator drops a release (the files electron-builder wrote to release/) into
 * `dir`; nothing is generated here. `send` underneath answers HEAD and byte ranges, sets the
 * content type from the extension and refuses paths outside `dir`.
 */
export async function registerUpdateRoutes(app: FastifyInstance, dir: string): Promise<void> {
  const root = resolve(dir);
  // Made at start so the operator finds the folder to drop a release into.
  mkdirSync(root, { recursive: true });
  await app.register(fastifyStatic, {
    root,
    prefix: UPDATES_PATH,
    decorateReply: false,
    index: false,
    list: false,
    dotfiles: 'deny',
    allowedPath: (pathname) => isReleaseFileName(pathname),
    setHeaders: (reply, path) => {
      // The channel files change when a release is dropped in; installers never change under
      // their versioned names.
      if (path.endsWith('.yml')) reply.header('cache-control', 'no-cache').header('content-type', 'text/yaml; charset=utf-8');
    },
  });
}
