import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSecretBox, parseSecretKey, SecretBox } from './secrets';

const secrets = { accessToken: 'vk1.a.токен', confirmationCode: 'a1b2c3' };

describe('SecretBox', () => {
  it('opens what it sealed, and the sealed bytes do not contain the token', () => {
    const box = new SecretBox(randomBytes(32));
    const sealed = box.seal(secrets);
    expect(Buffer.from(sealed).toString('latin1')).not.toContain('vk1.a');
    expect(box.open(sealed)).toEqual(secrets);
    // A fresh IV each time: two seals of the same secrets differ.
    expect(Buffer.from(box.seal(secrets)).equals(Buffer.from(sealed))).toBe(false);
  });

  it('refuses a value changed in the database or sealed under another key', () => {
    const box = new SecretBox(randomBytes(32));
    const sealed = Buffer.from(box.seal(secrets));
    const changed = Buffer.from(sealed);
    changed[20] = (changed[20] ?? 0) ^ 1;
    expect(() => box.open(changed)).toThrow();
    expect(() => new SecretBox(randomBytes(32)).open(sealed)).toThrow();
    expect(() => box.open(Buffer.from('short'))).toThrow(/Not a sealed/);
  });
});

describe('the key', () => {
  it('takes 32 bytes as hex or base64 and refuses anything else with the reason', () => {
    const key = randomBytes(32);
    expect(Buffer.from(parseSecretKey(key.toString('hex'))).equals(key)).toBe(true);
    expect(Buffer.from(parseSecretKey(key.toString('base64') + '\n')).equals(key)).toBe(true);
    expect(Buffer.from(parseSecretKey(key.toString('base64url'))).equals(key)).toBe(true);
    expect(() => parseSecretKey('password')).toThrow(/32 bytes/);
    expect(() => parseSecretKey(randomBytes(16).toString('base64'))).toThrow(/32 bytes/);
  });

  it('is made once beside the data folder when none is set, readable by its owner only, and kept', () => {
    const dir = mkdtempSync(join(tmpdir(), 'otklik-key-'));
    const file = join(dir, 'secret.key');
    const first = loadSecretBox(undefined, file);
    expect(first.source).toEqual({ kind: 'file', path: file, created: true });
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const sealed = first.box!.seal(secrets);
    const second = loadSecretBox(undefined, file);
    expect(second.source).toEqual({ kind: 'file', path: file, created: false });
    expect(second.box!.open(sealed)).toEqual(secrets);
    expect(readFileSync(file, 'utf8').trim()).toHaveLength(44);
  });

  it('prefers the environment, and without a key or a folder there is no sealer', () => {
    const key = randomBytes(32).toString('base64');
    expect(loadSecretBox(key, '/nonexistent/secret.key').source).toEqual({ kind: 'env' });
    expect(loadSecretBox(undefined, null)).toEqual({ box: null, source: { kind: 'none' } });
  });
});
