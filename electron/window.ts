import type { BrowserWindowConstructorOptions } from 'electron';

export const PRODUCT_NAME = 'Отклик';
export const SPELLCHECK_LANGUAGES = ['ru', 'en-US'];

/**
 * The one window. The page gets no Node, runs in Chromium's sandbox and sees the preload's bridge
 * only across the context-isolation boundary.
 */
export function mainWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 820,
    minWidth: 960,
    minHeight: 600,
    title: PRODUCT_NAME,
    show: false,
    backgroundColor: '#ffffff',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: true,
    },
  };
}
