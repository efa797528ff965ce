import { isAllowedExternalUrl } from '../shared/links';
import { APP_HOST, APP_SCHEME } from './protocol';

/**
 * The window only ever shows our own bundle: appeal text comes from social networks and is
 * untrusted, so a link in it must never turn the privileged window into a web browser.
 */
export function isAllowedNavigation(raw: string): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  return (
    url.protocol === `${APP_SCHEME}:` &&
    url.hostname === APP_HOST &&
    url.port === '' &&
    url.username === '' &&
    url.password === ''
  );
}

/** True when a URL belongs to our own page (the sender of an IPC call, a permission request). */
export function isAppUrl(raw: string | null | undefined): boolean {
  return typeof raw === 'string' && isAllowedNavigation(raw);
}

export type OpenExternal = (url: string) => Promise<void> | void;

/**
 * setWindowOpenHandler: no new Electron windows at all; allow-listed https links (a citizen's
 * post on vk.com, say) go to the system browser instead.
 */
export function createWindowOpenHandler(openExternal: OpenExternal): (details: { url: string }) => { action: 'deny' } {
  return ({ url }) => {
    if (isAllowedExternalUrl(url)) openSafely(openExternal, url);
    return { action: 'deny' };
  };
}

/** will-navigate / will-redirect: stay on app://otklik; allow-listed links open outside. */
export function createNavigationGuard(
  openExternal: OpenExternal,
): (event: { preventDefault: () => void }, url: string) => void {
  return (event, url) => {
    if (isAllowedNavigation(url)) return;
    event.preventDefault();
    if (isAllowedExternalUrl(url)) openSafely(openExternal, url);
  };
}

/**
 * Web permissions our own page may use: notifications (new appeals, deadlines) and persistent
 * storage, so Chromium never evicts the offline replica in IndexedDB. Everything else (camera,
 * geolocation, clipboard reads, USB…) is refused.
 */
export const ALLOWED_PERMISSIONS: ReadonlySet<string> = new Set(['notifications', 'persistent-storage']);

export function isPermissionAllowed(permission: string, requestingUrl: string | null | undefined): boolean {
  return ALLOWED_PERMISSIONS.has(permission) && isAppUrl(requestingUrl);
}

/** session.setPermissionRequestHandler */
export function permissionRequestHandler(
  _webContents: unknown,
  permission: string,
  callback: (granted: boolean) => void,
  details: { requestingUrl?: string },
): void {
  callback(isPermissionAllowed(permission, details.requestingUrl));
}

/** session.setPermissionCheckHandler */
export function permissionCheckHandler(
  _webContents: unknown,
  permission: string,
  requestingOrigin: string,
  details: { requestingUrl?: string },
): boolean {
  return isPermissionAllowed(permission, details.requestingUrl ?? requestingOrigin);
}

function openSafely(openExternal: OpenExternal, url: string): void {
  Promise.resolve()
    .then(() => openExternal(url))
    .catch((error: unknown) => console.error(`[otklik] could not open ${url} externally:`, error));
}
