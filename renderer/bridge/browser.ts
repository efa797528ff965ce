import type { OtklikBridge, StoredSession, WorkstationConfig } from '../../shared/bridge';
import { checkOtklikServer } from '../../shared/health';
import { isAllowedExternalUrl } from '../../shared/links';
import { normalizeServerUrl } from '../sync/api';

export const SERVER_URL_KEY = 'otklik.serverUrl';
export const SESSION_KEY = 'otklik.session';

/** Storage that may be missing or refuse writes (private mode, a full disk). */
function storage(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

function isHttpUrl(raw: string): boolean {
  try {
    const url = new URL(raw);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/**
 * Browser mode: the page came from the regional server, so that is the server unless the person
 * chose another one on the login screen. The session lives in localStorage so the workstation
 * opens logged in after a restart, with no network.
 */
export function createBrowserBridge(win: Pick<Window, 'location' | 'open'> = window): OtklikBridge {
  const config = (): WorkstationConfig => {
    const override = storage()?.getItem(SERVER_URL_KEY);
    return override && isHttpUrl(override)
      ? { serverUrl: normalizeServerUrl(override), serverUrlSource: 'saved' }
      : { serverUrl: normalizeServerUrl(win.location.origin), serverUrlSource: 'page' };
  };
  return {
    kind: 'browser',
    async getConfig() {
      return config();
    },
    async setServerUrl(url) {
      const normalized = normalizeServerUrl(url);
      if (!isHttpUrl(normalized)) throw new Error('Server URL must be http(s)');
      if (normalized === normalizeServerUrl(win.location.origin)) storage()?.removeItem(SERVER_URL_KEY);
      else storage()?.setItem(SERVER_URL_KEY, normalized);
      return config();
    },
    async checkServer(url) {
      const normalized = normalizeServerUrl(url);
      if (!isHttpUrl(normalized)) return { ok: false, reason: 'invalid' };
      return checkOtklikServer(normalized, (input, init) => fetch(input, init));
    },
    async saveSession(session: StoredSession | null) {
      if (session === null) storage()?.removeItem(SESSION_KEY);
      else storage()?.setItem(SESSION_KEY, JSON.stringify(session));
    },
    async loadSession() {
      const raw = storage()?.getItem(SESSION_KEY);
      if (!raw) return null;
      try {
        const session = JSON.parse(raw) as StoredSession;
        return session?.user?.id && session.accessToken && session.refreshToken ? session : null;
      } catch {
        return null;
      }
    },
    async openExternal(url) {
      if (!isAllowedExternalUrl(url)) return false;
      const opened = win.open(url, '_blank', 'noopener,noreferrer');
      // With noopener the browser returns null even when the tab opened.
      return opened !== undefined;
    },
    async notify(title, body) {
      if (typeof Notification === 'undefined') return;
      if (Notification.permission === 'default') {
        try {
          await Notification.requestPermission();
        } catch {
          return;
        }
      }
      if (Notification.permission === 'granted') new Notification(title, { body });
    },
    // A page served by the regional server is always its current version: nothing to install.
    async getUpdateStatus() {
      return { state: 'not-applicable' };
    },
    async installUpdate() {
      return false;
    },
    // No application menu in a browser: «О программе» opens from the header only.
    onShowAbout() {
      return () => {};
    },
  };
}
