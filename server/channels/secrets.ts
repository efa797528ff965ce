import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { ChannelSecretSealer } from '../context';

const IV_BYTES = 12;
const TAG_BYTES = 16;
/** The first byte of a sealed value: lets a later key scheme (rotation) tell old values apart. */
const FORMAT_V1 = 1;

/**
 * AES-256-GCM over the JSON of a channel's secrets: `[1][iv 12][ciphertext][tag 16]`. GCM's tag
 * makes a value sealed under another key, or changed in the database, fail to open instead of
 * yielding garbage tokens.
 */
export class SecretBox implements ChannelSecretSealer {
  private readonly key: Buffer;

  constructor(key: Uint8Array) {
    if (key.length !== 32) throw new Error('The channel secret key must be 32 bytes');
    this.key = Buffer.from(key);
  }

  seal(secrets: Record<string, string>): Uint8Array {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(JSON.stringify(secrets), 'utf8'), cipher.final()]);
    return Buffer.concat([Buffer.from([FORMAT_V1]), iv, body, cipher.getAuthTag()]);
  }

  open(sealed: Uint8Array): Record<string, string> {
    const buf = Buffer.from(sealed);
    if (buf.length < 1 + IV_BYTES + TAG_BYTES || buf[0] !== FORMAT_V1) throw new Error('Not a sealed channel secret');
    const iv = buf.subarray(1, 1 + IV_BYTES);
    const tag = buf.subarray(buf.length - TAG_BYTES);
    const decipher = createDecipheriv('aes-256-gcm', this.key, iv);
    decipher.setAuthTag(tag);
    const json = Buffer.concat([decipher.update(buf.subarray(1 + IV_BYTES, buf.length - TAG_BYTES)), decipher.final()]).toString('utf8');
    return JSON.parse(json) as Record<string, string>;
  }
}

/** `OTKLIK_SECRET_KEY`: 32 bytes as 64 hex digits or as base64. Anything else is refused with a reason. */
export function parseSecretKey(text: string): Uint8Array {
  const trimmed = text.trim();
  if (/^[0-9a-fA-F]{64}$/.test(trimmed)) return Buffer.from(trimmed, 'hex');
  if (/^[A-Za-z0-9+/_-]+={0,2}$/.test(trimmed)) {
    const bytes = Buffer.from(trimmed.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
    if (bytes.length === 32) return bytes;
  }
  throw new Error('OTKLIK_SECRET_KEY must be 32 bytes, as 64 hex digits or base64 (openssl rand -base64 32)');
}

export type SecretKeySource = { kind: 'env' } | { kind: 'file'; path: string; created: boolean } | { kind: 'none' };

/**
 * The sealer the server starts with: the key from the environment; else, where the server keeps
 * its own data on disk (PGlite), a key file beside it, made on first start, so that the demo's
 * channels work with nothing set; else none (production PostgreSQL without a key: the «Каналы»
 * screen says secrets cannot be stored, rather than storing them with a key nobody kept).
 */
export function loadSecretBox(envKey: string | undefined, keyFile: string | null): { box: SecretBox | null; source: SecretKeySource } {
  if (envKey) return { box: new SecretBox(parseSecretKey(envKey)), source: { kind: 'env' } };
  if (!keyFile) return { box: null, source: { kind: 'none' } };
  if (existsSync(keyFile)) return { box: new SecretBox(parseSecretKey(readFileSync(keyFile, 'utf8'))), source: { kind: 'file', path: keyFile, created: false } };
  mkdirSync(dirname(keyFile), { recursive: true });
  let created = true;
  try {
    writeFileSync(keyFile, randomBytes(32).toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
    chmodSync(keyFile, 0o600);
  } catch (e) {
    // Another process starting beside this one made it first: use theirs.
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    created = false;
  }
  return { box: new SecretBox(parseSecretKey(readFileSync(keyFile, 'utf8'))), source: { kind: 'file', path: keyFile, created } };
}
