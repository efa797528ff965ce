import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkIntegrationToken } from './auth/integration';
import { sha256 } from './auth/tokens';
import { migrate } from './db/migrate';
import { BACKENDS, createTestDatabase } from './test-support/backends';
import { migrateBefore } from './test-support/migrations';
import { startTestServer, type TestServer } from './test-support/server';

/** «Токены интеграций» through the admin API: a token is shown once, works at once, and stops when revoked. */
describe.each(BACKENDS)('admin integration tokens (%s)', (backend) => {
  let s: TestServer;
  let admin: string;

  beforeAll(async () => {
    s = await startTestServer(backend);
    admin = (await s.login('admin')).accessToken;
  });
  afterAll(async () => s?.close());

  let n = 0;
  const intake = (token: string) =>
    s.call('POST', '/api/v1/intake/appeals', {
      headers: { authorization: `Bearer ${token}` },
      body: { source: 'phone', externalRef: `portal-${backend}-${++n}`, author: { name: 'Житель' }, text: 'Не горит фонарь у остановки', municipalityId: 'maykop' },
    });

  it('creates a named token that files appeals at once and is never shown again', async () => {
    const created = await s.call('POST', '/api/v1/admin/integration-tokens', { token: admin, body: { name: 'Портал «Госуслуги Адыгеи»' } });
    expect(created.status).toBe(201);
    const token = created.body.token as string;
    expect(token).toMatch(/^otk_[A-Za-z0-9_-]{32}$/);
    expect(created.body.item).toMatchObject({ name: 'Портал «Госуслуги Адыгеи»', createdBy: 'Администратор', lastUsedAt: null, revokedAt: null });

    expect((await intake(token)).status).toBe(201);
    const list = await s.call('GET', '/api/v1/admin/integration-tokens', { token: admin });
    expect(list.status).toBe(200);
    const item = list.body.tokens.find((t: { id: string }) => t.id === created.body.item.id);
    expect(item.lastUsedAt).not.toBeNull();
    // Neither the token nor its hash ever leaves the server again.
    expect(JSON.stringify(list.body)).not.toContain(token);
    expect(JSON.stringify(list.body)).not.toMatch(/[0-9a-f]{64}/);
    // The audit log names the token and who made it, without the token.
    const audit = await s.call('GET', '/api/v1/admin/audit?kind=admin.change', { token: admin });
    const entry = audit.body.entries.find((e: { data: { action?: string } }) => e.data.action === 'integrationToken.create');
    expect(entry).toMatchObject({ subject: 'Портал «Госуслуги Адыгеи»', actorName: 'Администратор' });
    expect(JSON.stringify(audit.body)).not.toContain(token);
  });

  it('a revoked token is refused at its next request, and stays in the list as revoked', async () => {
    const created = await s.call('POST', '/api/v1/admin/integration-tokens', { token: admin, body: { name: 'Старая система' } });
    const token = created.body.token as string;
    expect((await intake(token)).status).toBe(201);
    const revoked = await s.call('POST', `/api/v1/admin/integration-tokens/${created.body.item.id}/revoke`, { token: admin });
    expect(revoked.status).toBe(200);
    expect(revoked.body.revokedAt).not.toBeNull();
    const refused = await intake(token);
    expect(refused.status).toBe(401);
    expect(refused.body.error.code).toBe('unauthorized');
    const list = await s.call('GET', '/api/v1/admin/integration-tokens', { token: admin });
    expect(list.body.tokens.find((t: { id: string }) => t.id === created.body.item.id).revokedAt).toBe(revoked.body.revokedAt);
    expect((await s.call('POST', '/api/v1/admin/integration-tokens/it-nope/revoke', { token: admin })).status).toBe(404);
  });

  it('refuses a nameless token with a stable code, and anyone but an administrator', async () => {
    const bad = await s.call('POST', '/api/v1/admin/integration-tokens', { token: admin, body: { name: '  ' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('validation_failed');
    const curator = (await s.login('curator')).accessToken;
    expect((await s.call('GET', '/api/v1/admin/integration-tokens', { token: curator })).status).toBe(403);
    expect((await s.call('POST', '/api/v1/admin/integration-tokens', { token: curator, body: { name: 'x' } })).status).toBe(403);
  });

  it('keeps the tokens of an older server working through the upgrade (070)', async () => {
    const database = await createTestDatabase(backend);
    const db = await database.open();
    try {
      await migrateBefore(db, '070-integration-tokens');
      await db.query('INSERT INTO integration_tokens (token_hash, name) VALUES ($1, $2)', [sha256('otk_old_portal'), 'Портал (до обновления)']);
      await migrate(db);
      expect(await checkIntegrationToken(db, 'Bearer otk_old_portal')).toBe('Портал (до обновления)');
      const row = (await db.query<{ id: string; revoked_at: string | null; last_used_at: string | null }>('SELECT id, revoked_at, last_used_at FROM integration_tokens')).rows[0]!;
      expect(row.id).toMatch(/^it-[0-9a-f]{16}$/);
      expect(row.revoked_at).toBeNull();
      expect(row.last_used_at).not.toBeNull();
    } finally {
      await db.close();
      await database.dispose();
    }
  });
});
