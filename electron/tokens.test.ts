import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { StoredSession } from '../shared/bridge';
import { createTokenStore, SESSION_FILE, type SafeStorageLike } from './tokens';

const session: StoredSession = {
  user: { id: 'u1', username: 'operator', displayName: 'Оператор ЦУР', role: 'clerk', municipalityId: 'm1' },
  accessToken: 'ACCESS-TOKEN-secret-1234567890',
  refreshToken: 'REFRESH-TOKEN-secret-0987654321',
  serverUrl: 'http://127.0.0.1:8787',
};

/** A reversible stand-in for the OS keychain: XOR with a key, then a marker. */
function fakeSafeStorage(available = true, backend = 'gnome_libsecret'): SafeStorageLike {
  const key = 0x5a;
  return {
    isEncryptionAvailable: () => available,
    getSelectedStorageBackend: () => backend,
    encryptString: (text) => Buffer.concat([Buffer.from('v10'), Buffer.from(text, 'utf8').map((b) => b ^ key)]),
    decryptString: (data) => {
      if (data.subarray(0, 3).toString() !== 'v10') throw new Error('bad ciphertext');
      return Buffer.from(data.subarray(3).map((b) => b ^ key)).toString('utf8');
    },
  };
}

let dir: string;
const file = () => path.join(dir, SESSION_FILE);
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'otklik-tokens-'));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
  vi.restoreAllMocks();
});

describe('token store', () => {
  it('writes the session encrypted: the file never contains the token text', () => {
    createTokenStore(dir, fakeSafeStorage(), 'linux').save(session);
    const bytes = fs.readFileSync(file());
    for (const secret of [session.accessToken, session.refreshToken, 'operator']) {
      expect(bytes.includes(Buffer.from(secret))).toBe(false);
    }
    if (process.platform !== 'win32') expect(fs.statSync(file()).mode & 0o077).toBe(0);
  });

  it('gives the session back after a restart', () => {
    createTokenStore(dir, fakeSafeStorage(), 'linux').save(session);
    expect(createTokenStore(dir, fakeSafeStorage(), 'linux').load()).toEqual(session);
  });

  it('logging out removes the file', () => {
    const store = createTokenStore(dir, fakeSafeStorage(), 'linux');
    store.save(session);
    store.save(null);
    expect(fs.existsSync(file())).toBe(false);
    expect(store.load()).toBeNull();
    expect(createTokenStore(dir, fakeSafeStorage(), 'linux').load()).toBeNull();
  });

  it('without OS encryption keeps the session in memory only and says why', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const store = createTokenStore(dir, fakeSafeStorage(false), 'linux');
    store.save(session);
    expect(fs.existsSync(file())).toBe(false);
    expect(fs.readdirSync(dir)).toEqual([]);
    expect(store.load()).toEqual(session);
    expect(warn.mock.calls[0]?.[0]).toMatch(/memory only.*encryption is unavailable/);
    expect(createTokenStore(dir, fakeSafeStorage(false), 'linux').load()).toBeNull();
  });

  it('treats the Linux basic_text fallback (a hard-coded key) as no encryption', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    createTokenStore(dir, fakeSafeStorage(true, 'basic_text'), 'linux').save(session);
    expect(fs.existsSync(file())).toBe(false);
    expect(warn.mock.calls[0]?.[0]).toMatch(/basic_text/);
  });

  it('removes an older session file when it can no longer encrypt, so it cannot come back', () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    createTokenStore(dir, fakeSafeStorage(), 'linux').save(session);
    createTokenStore(dir, fakeSafeStorage(false), 'linux').save({ ...session, accessToken: 'newer' });
    expect(fs.existsSync(file())).toBe(false);
  });

  it('a file that cannot be decrypted means logging in again, not a crash', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    fs.writeFileSync(file(), 'garbage');
    expect(createTokenStore(dir, fakeSafeStorage(), 'linux').load()).toBeNull();
    expect(warn).toHaveBeenCalled();
  });
});
