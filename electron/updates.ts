import { updateFeedUrl, type UpdateErrorCode, type UpdateStatus } from '../shared/updates';

/** The part of electron-updater's AppUpdater the workstation uses (its autoUpdater in the app). */
export interface UpdaterLike {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  disableDifferentialDownload: boolean;
  setFeedURL(options: { provider: 'generic'; url: string }): void;
  checkForUpdates(): Promise<unknown>;
  quitAndInstall(isSilent?: boolean, isForceRunAfter?: boolean): void;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- electron-updater's typed emitter
  on(event: 'checking-for-update' | 'update-available' | 'update-not-available' | 'download-progress' | 'update-downloaded' | 'error', listener: (...args: any[]) => void): unknown;
}

/** A few hours: an office PC runs all day, and a release is rarely more urgent than that. */
export const UPDATE_CHECK_INTERVAL_MS = 4 * 60 * 60 * 1000;

export interface UpdateControllerDeps {
  updater: UpdaterLike;
  /** The running version (app.getVersion()). */
  currentVersion: string;
  getServerUrl: () => string;
  now?: () => Date;
  setInterval?: (fn: () => void, ms: number) => unknown;
  clearInterval?: (handle: unknown) => void;
  log?: (message: string, error?: unknown) => void;
}

export interface UpdateController {
  /** Points the updater at the server, checks now and then every UPDATE_CHECK_INTERVAL_MS. */
  start(): void;
  stop(): void;
  status(): UpdateStatus;
  /** One check; does nothing while a check or a download runs or an update waits to be installed. */
  check(): Promise<void>;
  /** The clerk chose another server: its feed from now on. */
  serverUrlChanged(): void;
  /** Restarts into the downloaded update; false when none is ready. */
  install(): boolean;
}

/**
 * The workstation's updater: electron-updater's generic provider against the regional server's
 * feed only, downloading in the background. Installing is the person's choice (the renderer
 * offers it, saying how many unsent changes are kept); an update not installed that way is
 * applied when the app is next quit. The replica and the outbox live in the profile folder, which
 * an update does not touch.
 */
export function createUpdateController(deps: UpdateControllerDeps): UpdateController {
  const { updater, currentVersion: current } = deps;
  const now = deps.now ?? (() => new Date());
  const log = deps.log ?? ((message, error) => console.warn(`[otklik] ${message}`, error ?? ''));
  const setTimer = deps.setInterval ?? ((fn, ms) => setInterval(fn, ms));
  const clearTimer = deps.clearInterval ?? ((handle) => clearInterval(handle as ReturnType<typeof setInterval>));
  let state: UpdateStatus = { state: 'idle', checkedAt: null, current };
  let timer: unknown = null;
  let feedUrl = '';

  const busy = () => state.state === 'checking' || state.state === 'downloading' || state.state === 'ready';

  const pointAtServer = () => {
    const url = updateFeedUrl(deps.getServerUrl());
    if (url === feedUrl) return false;
    feedUrl = url;
    updater.setFeedURL({ provider: 'generic', url });
    return true;
  };

  const fail = (error: unknown) => {
    const code = errorCode(error);
    // No channel file on the server: the operator has not dropped a release in. Nothing to do.
    if (code === null) state = { state: 'idle', checkedAt: now().toISOString(), current };
    else {
      state = { state: 'error', code, checkedAt: now().toISOString(), current };
      log(`update check failed (${code}):`, error);
    }
  };

  updater.on('checking-for-update', () => {
    if (state.state !== 'ready') state = { state: 'checking', current };
  });
  updater.on('update-available', (info: { version: string }) => {
    state = { state: 'downloading', current, version: info.version, percent: 0 };
  });
  updater.on('download-progress', (progress: { percent: number }) => {
    if (state.state === 'downloading') state = { ...state, percent: Math.max(0, Math.min(100, Math.round(progress.percent))) };
  });
  updater.on('update-not-available', () => {
    state = { state: 'idle', checkedAt: now().toISOString(), current };
  });
  updater.on('update-downloaded', (info: { version: string }) => {
    state = { state: 'ready', current, version: info.version };
  });
  updater.on('error', (error: unknown) => fail(error));

  const check = async () => {
    if (busy()) return;
    pointAtServer();
    state = { state: 'checking', current };
    try {
      await updater.checkForUpdates();
    } catch (error) {
      // electron-updater also emits 'error'; the state is the same either way.
      const reached = (state as UpdateStatus).state; // the events above may have moved it on
      if (reached === 'checking' || reached === 'downloading') fail(error);
    }
  };

  return {
    start() {
      updater.autoDownload = true;
      updater.autoInstallOnAppQuit = true;
      // The feed serves whole files (and single ranges); on an office network a full download is
      // simpler and as fast as patching through block maps.
      updater.disableDifferentialDownload = true;
      void check();
      timer ??= setTimer(() => void check(), UPDATE_CHECK_INTERVAL_MS);
    },
    stop() {
      if (timer !== null) clearTimer(timer);
      timer = null;
    },
    status: () => ({ ...state }),
    check,
    serverUrlChanged() {
      if (pointAtServer() && !busy()) void check();
    },
    install() {
      if (state.state !== 'ready') return false;
      updater.quitAndInstall(false, true);
      return true;
    },
  };
}

/** The code the renderer words in Russian; null for "the server has no release". */
export function errorCode(error: unknown): UpdateErrorCode | null {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
  const message = error instanceof Error ? error.message : String(error);
  if (code === 'ERR_UPDATER_CHANNEL_FILE_NOT_FOUND') return null;
  if (code === 'ERR_CHECKSUM_MISMATCH' || /checksum mismatch/i.test(message)) return 'checksum';
  if (/^(ECONNREFUSED|ECONNRESET|ENOTFOUND|ETIMEDOUT|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH)$/.test(code) || /net::ERR_/.test(message)) {
    return 'unreachable';
  }
  return 'failed';
}
