/**
 * Integration tokens become things an administrator manages: an id to name one by (the hash stays
 * the key the server looks a presented token up by), who made it, when it was last used, and its
 * revocation, which is kept rather than deleted so the list and the audit log still name it.
 */
export const sql = /* sql */ `
ALTER TABLE integration_tokens ADD COLUMN id text;
UPDATE integration_tokens SET id = 'it-' || substr(token_hash, 1, 16);
ALTER TABLE integration_tokens ALTER COLUMN id SET NOT NULL;
ALTER TABLE integration_tokens ALTER COLUMN id SET DEFAULT 'it-' || replace(gen_random_uuid()::text, '-', '');
CREATE UNIQUE INDEX integration_tokens_id ON integration_tokens (id);
ALTER TABLE integration_tokens ADD COLUMN created_by text;
ALTER TABLE integration_tokens ADD COLUMN last_used_at timestamptz;
ALTER TABLE integration_tokens ADD COLUMN revoked_at timestamptz;
`;
