import type { User } from './domain';
import type { ServerCheck } from './health';
import type { UpdateStatus } from './updates';

/** What the workstation keeps to stay logged in across restarts and days offline. */
export interface StoredSession {
  user: User;
  accessToken: string;
  refreshToken: string;
  serverUrl: string;
}

/**
 * Where the server address came from: chosen by the person ('saved'), set for mass deployment by
 * an environment variable or a file the installer dropped ('environment', 'preset'), the page's own
 * server in browser mode ('page'), or nowhere yet ('none': the first run asks for it).
 */
export type ServerUrlSource = 'saved' | 'environment' | 'preset' | 'page' | 'none';

export interface WorkstationConfig {
  /** Base URL of the regional server, without a trailing slash. */
  serverUrl: string;
  serverUrlSource: ServerUrlSource;
}

/**
 * The bridge the renderer sees as `window.otklik`. Electron's preload implements it over IPC;
 * browser mode implements it with web APIs. The renderer reaches the OS only through it.
 */
export interface OtklikBridge {
  readonly kind: 'electron' | 'browser';
  getConfig(): Promise<WorkstationConfig>;
  setServerUrl(url: string): Promise<WorkstationConfig>;
  /** Whether an Otklik server answers at this address (asked before saving it). */
  checkServer(url: string): Promise<ServerCheck>;
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
  /** Called when the application menu asks for «О программе»; returns an unsubscribe. */
  onShowAbout(listener: () => void): () => void;
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
  checkServer: 'otklik:check-server',
} as const;

/** Messages from the main process to the page (the application menu's «О программе»). */
export const IPC_EVENTS = {
  showAbout: 'otklik:show-about',
} as const;
