import type { OtklikBridge } from '../../shared/bridge';
import { createBrowserBridge } from './browser';

declare global {
  interface Window {
    /** Set by Electron's preload script; absent in a plain browser. */
    otklik?: OtklikBridge;
  }
}

let bridge: OtklikBridge | null = null;

/** The desktop app's bridge when running in Electron, otherwise the browser implementation. */
export function getBridge(): OtklikBridge {
  bridge ??= window.otklik ?? createBrowserBridge(window);
  return bridge;
}

export { createBrowserBridge, SERVER_URL_KEY, SESSION_KEY } from './browser';
