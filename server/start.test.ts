import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startServer } from './start';
import { tinyDemoData } from './test-support/fixture';

const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'otklik-start-'));
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

// Each case starts whole servers (migrations, a generated region, emulators): far slower than the
// default per-test limit on two shared cores.
describe('startServer', { timeout: 120_000 }, () => {
  it('starts on PGlite with the generated demo region, and keeps its data and token across restarts', async () => {
    const dataDir = tempDir();
    const secretKeyFile = join(tempDir(), 'secret.key');
    const first = await startServer({ dataDir, demoAppeals: 40, staticDir: null, secretKeyFile });
    let token: string | null;
    try {
      token = first.demoIntegrationToken;
      expect(token).toMatch(/^otk_/);
      expect(await (await fetch(`${first.url}/api/v1/health`)).json()).toMatchObject({ status: 'ok', app: 'otklik' });
      const login = await fetch(`${first.url}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'operator', password: 'demo' }),
      });
      expect(login.status).toBe(200);
      const intake = await fetch(`${first.url}/api/v1/intake/appeals`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ source: 'telegram', externalRef: 'tg-1', author: { name: 'Житель' }, text: 'Нет света', settlement: 'Гиагинская' }),
      });
      expect(intake.status).toBe(201);
      // With no key in the environment the server makes its own, so that channels can be connected.
      expect(first.secretKey).toEqual({ kind: 'file', path: secretKeyFile, created: true });
    } finally {
      await first.close();
    }
    const second = await startServer({ dataDir, demoAppeals: 40, staticDir: null, secretKeyFile });
    try {
      expect(second.demoIntegrationToken).toBe(token);
      expect(second.secretKey).toEqual({ kind: 'file', path: secretKeyFile, created: false });
      const again = await fetch(`${second.url}/api/v1/intake/appeals`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ source: 'telegram', externalRef: 'tg-1', author: { name: 'Житель' }, text: 'Нет света' }),
      });
      expect(again.status).toBe(200);
    } finally {
      await second.close();
    }
  });

  it('serves the built workstation with a fallback to index.html for its own routes', async () => {
    const staticDir = tempDir();
    writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>Отклик</title><div id="root"></div>');
    writeFileSync(join(staticDir, 'app.js'), 'console.log(1)');
    const s = await startServer({ dataDir: 'memory', demoData: tinyDemoData(), staticDir });
    try {
      const root = await fetch(`${s.url}/`);
      expect(await root.text()).toContain('id="root"');
      expect((await fetch(`${s.url}/app.js`)).headers.get('content-type')).toContain('javascript');
      const deep = await fetch(`${s.url}/appeals/a-m1`);
      expect(deep.status).toBe(200);
      expect(await deep.text()).toContain('id="root"');
      expect((await fetch(`${s.url}/assets/missing.js`)).status).toBe(404);
      const api = await fetch(`${s.url}/api/v1/unknown`);
      expect(api.status).toBe(404);
      expect(await api.json()).toMatchObject({ error: { code: 'not_found' } });
    } finally {
      await s.close();
    }
  });

  it('wires the demo channels to their emulators, prints them, and keeps their webhook addresses across restarts', async () => {
    const dataDir = tempDir();
    const secretKeyFile = join(tempDir(), 'secret.key');
    const webhooks = (lines: string[]) => lines.filter((l) => l.includes('webhook http')).map((l) => l.replace(/^.*webhook /, '').replace(/:\d+\/api/, '/api'));
    const first = await startServer({ dataDir, demoData: tinyDemoData(), staticDir: null, secretKeyFile, demoChannels: true });
    let before: string[];
    try {
      before = webhooks(first.demoLines);
      expect(before).toHaveLength(3);
      expect(first.demoLines.join('\n')).toMatch(/demo-telegram-minzdrav \(telegram\)[\s\S]*secret_token[\s\S]*demo-vk-minstroy \(vk\)[\s\S]*group_id: \d+[\s\S]*confirmation code: \w+[\s\S]*demo-max-mintrud \(max\)[\s\S]*X-Max-Bot-Api-Secret/);
      const page = await fetch(`${first.url}/demo`);
      expect(await page.text()).toContain('Демо: написать как житель');
      // The platform's own handshake: VK's confirmation call is answered with the printed code.
      const code = /confirmation code: (\w+)/.exec(first.demoLines.join('\n'))![1];
      const groupId = Number(/group_id: (\d+)/.exec(first.demoLines.join('\n'))![1]);
      const secret = /secret \(«Секретный ключ»\): (\S+)/.exec(first.demoLines.join('\n'))![1];
      const vkHook = first.demoLines.find((l) => l.includes('(vk)'))!.replace(/^.*webhook /, '');
      const confirm = await fetch(vkHook, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ type: 'confirmation', group_id: groupId, event_id: 'e1', v: '5.199', secret }) });
      expect(await confirm.text()).toBe(code);
    } finally {
      await first.close();
    }
    const second = await startServer({ dataDir, demoData: tinyDemoData(), staticDir: null, secretKeyFile, demoChannels: true });
    try {
      expect(webhooks(second.demoLines)).toEqual(before);
    } finally {
      await second.close();
    }
  });

  it('starts on PostgreSQL from DATABASE_URL without seeding when asked not to', async () => {
    const { createTestDatabase } = await import('./test-support/backends');
    const database = await createTestDatabase('postgres');
    try {
      const s = await startServer({ databaseUrl: database.url, seed: false, staticDir: null });
      try {
        expect(s.demoIntegrationToken).toBeNull();
        const login = await fetch(`${s.url}/api/v1/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username: 'operator', password: 'demo' }),
        });
        expect(login.status).toBe(401);
      } finally {
        await s.close();
      }
    } finally {
      await database.dispose();
    }
  });
});
