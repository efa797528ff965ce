import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest, type ClientRequest, type IncomingMessage, type RequestOptions } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CancellationToken, configureRequestOptions, configureRequestUrl, HttpExecutor, type DownloadOptions } from 'builder-util-runtime';
import { GenericProvider } from 'electron-updater/out/providers/GenericProvider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { updateFeedUrl } from '../shared/updates';
import { BACKENDS } from './test-support/backends';
import { startTestServer, type TestServer } from './test-support/server';

/**
 * electron-updater's own HTTP executor needs Electron's `net`; this one is the Node equivalent
 * (what builder-util ships) with the same download path: builder-util-runtime's doDownload,
 * which pipes the body through its sha512 DigestTransform exactly as the workstation does.
 */
class NodeExecutor extends HttpExecutor<ClientRequest> {
  createRequest(options: RequestOptions, callback: (response: IncomingMessage) => void): ClientRequest {
    return httpRequest(options, callback);
  }

  download(url: URL, destination: string, options: DownloadOptions): Promise<string> {
    return options.cancellationToken.createPromise<string>((resolve, reject, onCancel) => {
      const requestOptions: RequestOptions = { headers: options.headers ?? undefined };
      configureRequestUrl(url, requestOptions);
      configureRequestOptions(requestOptions);
      this.doDownload(
        requestOptions,
        { destination, options, onCancel, callback: (error) => (error == null ? resolve(destination) : reject(error)), responseHandler: null },
        0,
      );
    });
  }
}

/** base64 sha512, the form electron-builder writes into latest*.yml and electron-updater checks. */
const sha512 = (data: Buffer) => createHash('sha512').update(data).digest('base64');

/** A release folder as electron-builder leaves it in release/: the installer and its channel file. */
function dropRelease(dir: string, version: string, installer: Buffer): string {
  const name = `Otklik-${version}.AppImage`;
  writeFileSync(join(dir, name), installer);
  const digest = sha512(installer);
  writeFileSync(
    join(dir, 'latest-linux.yml'),
    [
      `version: ${version}`,
      'files:',
      `  - url: ${name}`,
      `    sha512: ${digest}`,
      `    size: ${installer.length}`,
      `path: ${name}`,
      `sha512: ${digest}`,
      `releaseDate: '2026-03-02T08:00:00.000Z'`,
      '',
    ].join('\n'),
  );
  return name;
}

/** The generic provider as the workstation's updater builds it, minus Electron. */
function provider(serverUrl: string) {
  const updater = { channel: null, isAddNoCacheQuery: true, allowPrerelease: false };
  const executor = new NodeExecutor();
  const generic = new GenericProvider({ provider: 'generic', url: updateFeedUrl(serverUrl) }, updater as never, {
    isUseMultipleRangeRequest: false,
    platform: 'linux',
    executor: executor as never,
  });
  return { generic, executor };
}

/** A raw request, so the path reaches the server exactly as written (fetch would normalise `..`). */
function rawGet(url: string, path: string, headers: Record<string, string> = {}, method = 'GET') {
  const { hostname, port } = new URL(url);
  return new Promise<{ status: number; headers: IncomingMessage['headers']; body: Buffer }>((resolve, reject) => {
    const req = httpRequest({ hostname, port, path, method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe.each(BACKENDS)('workstation update feed (%s)', (backend) => {
  let s: TestServer;
  let dir: string;
  let installer: Buffer;
  let installerName: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'otklik-updates-'));
    // A secret beside the folder: what a traversal would try to reach.
    writeFileSync(join(dir, '..', `${dir.split('/').pop()}-secret.txt`), 'TOP-SECRET-CONTENT');
    installer = randomBytes(300_000);
    installerName = dropRelease(dir, '0.2.0', installer);
    writeFileSync(join(dir, '.env'), 'DATABASE_URL=postgres://secret');
    mkdirSync(join(dir, 'old'));
    writeFileSync(join(dir, 'old', 'latest-linux.yml'), 'version: 0.0.1\n');
    s = await startTestServer(backend, { updatesDir: dir });
  });
  afterAll(async () => {
    await s?.close();
    rmSync(dir, { recursive: true, force: true });
    rmSync(`${dir}-secret.txt`, { force: true });
  });

  it('electron-updater reads the version and the installer from the channel file the operator dropped in', async () => {
    const { generic } = provider(s.url);
    const info = await generic.getLatestVersion();
    expect(info.version).toBe('0.2.0');
    const [file] = generic.resolveFiles(info);
    expect(file?.url.href).toBe(`${s.url}/api/v1/updates/${installerName}`);
    expect(file?.info.sha512).toBe(sha512(installer));
  });

  it('the installer downloads with the sha512 check electron-updater applies, and a wrong checksum is refused', async () => {
    const { generic, executor } = provider(s.url);
    const [file] = generic.resolveFiles(await generic.getLatestVersion());
    const out = join(dir, '..', `${dir.split('/').pop()}-download`);
    try {
      await executor.download(file!.url, out, { sha512: file!.info.sha512, cancellationToken: new CancellationToken() });
      expect(readFileSync(out).equals(installer)).toBe(true);
      const tampered = sha512(Buffer.concat([installer, Buffer.from('x')]));
      await expect(
        executor.download(file!.url, out, { sha512: tampered, cancellationToken: new CancellationToken() }),
      ).rejects.toMatchObject({ code: 'ERR_CHECKSUM_MISMATCH' });
    } finally {
      rmSync(out, { force: true });
    }
  });

  it('serves the channel file as uncached YAML and the installer as binary, with HEAD and byte ranges', async () => {
    const yml = await rawGet(s.url, '/api/v1/updates/latest-linux.yml?noCache=1k2j3');
    expect(yml.status).toBe(200);
    expect(yml.headers['content-type']).toBe('text/yaml; charset=utf-8');
    expect(yml.headers['cache-control']).toBe('no-cache');

    const head = await rawGet(s.url, `/api/v1/updates/${installerName}`, {}, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.headers['content-length']).toBe(String(installer.length));
    expect(head.headers['content-type']).toBe('application/octet-stream');
    expect(head.headers['accept-ranges']).toBe('bytes');
    expect(head.body.length).toBe(0);

    const part = await rawGet(s.url, `/api/v1/updates/${installerName}`, { range: 'bytes=1000-1999' });
    expect(part.status).toBe(206);
    expect(part.headers['content-range']).toBe(`bytes 1000-1999/${installer.length}`);
    expect(part.body.equals(installer.subarray(1000, 2000))).toBe(true);
  });

  it('refuses paths outside the release folder, hidden files and subfolders', async () => {
    const secret = `${dir.split('/').pop()}-secret.txt`;
    const attempts = [
      `/api/v1/updates/../${secret}`,
      `/api/v1/updates/..%2f${secret}`,
      `/api/v1/updates/%2e%2e%2f${secret}`,
      `/api/v1/updates/..%5c${secret}`,
      '/api/v1/updates/.env',
      '/api/v1/updates/%2eenv',
      '/api/v1/updates/old/latest-linux.yml',
      '/api/v1/updates/old%2flatest-linux.yml',
      '/api/v1/updates/',
    ];
    for (const path of attempts) {
      const res = await rawGet(s.url, path);
      expect(res.status, path).toBeGreaterThanOrEqual(400);
      expect(res.status, path).toBeLessThan(500);
      expect(res.body.toString(), path).not.toMatch(/TOP-SECRET-CONTENT|version: 0\.0\.1|DATABASE_URL/);
    }
  });

  it('without a release for this platform electron-updater is told there is none (404), not a server error', async () => {
    const { hostname, port } = new URL(s.url);
    const windows = new GenericProvider(
      { provider: 'generic', url: updateFeedUrl(`http://${hostname}:${port}`) },
      { channel: null, isAddNoCacheQuery: true } as never,
      { isUseMultipleRangeRequest: false, platform: 'win32', executor: new NodeExecutor() as never },
    );
    await expect(windows.getLatestVersion()).rejects.toMatchObject({ code: 'ERR_UPDATER_CHANNEL_FILE_NOT_FOUND' });
    const res = await s.call('GET', '/api/v1/updates/latest.yml');
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('not_found');
  });
});
