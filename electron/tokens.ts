import fs from 'node:fs';
import path from 'node:path';
import type { StoredSession } from '../shared/bridge';
import { storedSessionSchema } from './schemas';

export const SESSION_FILE = 'session.bin';

/** The part of Electron's safeStorage we use; injected so tests run without Electron. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  getSelectedStorageBackend?: () => string;
}

export interface TokenStore {
  save(session: StoredSession | null): void;
  load(): StoredSession | null;
}

/**
 * Keeps the session (with its refresh token) across restarts, encrypted by the OS keychain
 * through safeStorage. When the OS offers no real encryption the session lives in memory for
 * this run only: a clerk logs in again after a restart, but no token ever lands on disk in clear.
 */
export function createTokenStore(
  dir: string,
  safeStorage: SafeStorageLike,
  platform: NodeJS.Platform = process.platform,
): TokenStore {
  const file = path.join(dir, SESSION_FILE);
  // undefined: nothing saved during this run yet, so the file decides.
  let memory: StoredSession | null | undefined;
  let warned = false;

  function unavailableReason(): string | null {
    if (!safeStorage.isEncryptionAvailable()) return 'safeStorage reports that OS encryption is unavailable';
    // On Linux without a keyring Chromium falls back to a hard-coded key: that is obfuscation,
    // not encryption, so it counts as unavailable.
    if (platform === 'linux' && safeStorage.getSelectedStorageBackend?.() === 'basic_text') {
      return 'no OS keyring (safeStorage backend is basic_text)';
    }
    return null;
  }

  function warnOnce(reason: string): void {
    if (warned) return;
    warned = true;
    console.warn(`[otklik] The session is kept in memory only and will not survive a restart: ${reason}.`);
  }

  function remove(): void {
    fs.rmSync(file, { force: true });
  }

  return {
    save(session) {
      memory = session;
      if (session === null) {
        remove();
        return;
      }
      const reason = unavailableReason();
      if (reason !== null) {
        warnOnce(reason);
        // A session file from an earlier run must not come back later in place of this one.
        remove();
        return;
      }
      const encrypted = safeStorage.encryptString(JSON.stringify(session));
      fs.mkdirSync(dir, { recursive: true });
      const tmp = `${file}.tmp`;
      fs.writeFileSync(tmp, encrypted, { mode: 0o600 });
      fs.renameSync(tmp, file);
    },

    load() {
      if (memory !== undefined) return memory;
      if (!fs.existsSync(file)) return null;
      const reason = unavailableReason();
      if (reason !== null) {
        warnOnce(reason);
        return null;
      }
      try {
        const parsed = storedSessionSchema.safeParse(JSON.parse(safeStorage.decryptString(fs.readFileSync(file))));
        if (parsed.success) return parsed.data;
        console.warn('[otklik] The saved session has an unexpected shape; logging in again is needed.');
      } catch (error) {
        // Typically a keyring that changed (another OS user, a reinstalled system).
        console.warn('[otklik] The saved session cannot be decrypted; logging in again is needed:', error);
      }
      return null;
    },
  };
}
