import type { User } from './domain';
import type { UpdateStatus } from './updates';

/** What the workstation keeps to stay logged in across restarts and days offline. */
export interface StoredSession {
  user: User;
  accessToken: string;
  refreshToken: string;
  serverUrl: string;
}

export interface WorkstationConfig {
  /** Base URL of the regional server, without a trailing slash. */
  serverUrl: string;
}

/**
 * The bridge the renderer sees as `window.otklik`. Electron's preload implements it over IPC;
 * browser mode implements it with web APIs. The renderer reaches the OS only through it.
 */
export interface OtklikBridge {
  readonly kind: 'electron' | 'browser';
  getConfig(): Promise<WorkstationConfig>;
  setServerUrl(url: string): Promise<WorkstationConfig>;
  /** Tokens are kept encrypted by the OS (safeStorage) in Electron. null clears the session. */
  saveSession(session: StoredSession | null): Promise<void>;
  loadSession(): Promise<StoredSession | null>;
  /** Opens an allow-listed https link in the system browser; false when refused. */
  openExternal(url: string): Promise<boolean>;
  notify(title: string, body: string): Promise<void>;
  /** Updates of the installed app from the regional server; browser mode: not-applicable. */
  getUpdateStatus(): Promise<UpdateStatus>;
  /** Restarts into a downloaded update; false when none is ready (or in browser mode). */
  installUpdate(): Promise<boolean>;
}

/** IPC channel names shared by the Electron main process and the preload script. */
export const IPC = {
  getConfig: 'otklik:get-config',
  setServerUrl: 'otklik:set-server-url',
  saveSession: 'otklik:save-session',
  loadSession: 'otklik:load-session',
  openExternal: 'otklik:open-external',
  notify: 'otklik:notify',
  getUpdateStatus: 'otklik:get-update-status',
  installUpdate: 'otklik:install-update',
} as const;
