import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { autoUpdater } from 'electron-updater';
import {
  app,
  BrowserWindow,
  ipcMain,
  Menu,
  Notification,
  protocol,
  safeStorage,
  session,
  shell,
  type WebContents,
} from 'electron';
import { createConfigStore, presetServerUrlFiles } from './config';
import { checkOtklikServer } from '../shared/health';
import { registerIpcHandlers } from './ipc';
import { IPC_EVENTS } from '../shared/bridge';
import { buildMenuTemplate } from './menu';
import { APP_ENTRY_URL, APP_SCHEME, createAppProtocolHandler } from './protocol';
import {
  createNavigationGuard,
  createWindowOpenHandler,
  permissionCheckHandler,
  permissionRequestHandler,
} from './security';
import { createTokenStore } from './tokens';
import { createUpdateController, type UpdateController } from './updates';
import { mainWindowOptions, SPELLCHECK_LANGUAGES } from './window';

export const APP_USER_MODEL_ID = 'ru.otklik.workstation';

export interface StartOptions {
  /** Directory of the bundled main.cjs (dist/electron); preload.cjs sits next to it. */
  baseDir: string;
  env?: NodeJS.ProcessEnv;
}

/**
 * Wires the main process. Everything with logic worth testing lives in the modules imported
 * above; this function only connects them to Electron's objects.
 */
export function startApp({ baseDir, env = process.env }: StartOptions): void {
  // A fixed folder whatever the launch style (packaged, `electron dist/electron/main.cjs`);
  // OTKLIK_USER_DATA_DIR gives tests and a second test profile a folder of their own.
  const userDataOverride = env.OTKLIK_USER_DATA_DIR;
  app.setPath(
    'userData',
    userDataOverride ? path.resolve(userDataOverride) : path.join(app.getPath('appData'), 'Otklik'),
  );

  // One workstation per profile: a second launch brings the open window forward instead of
  // running two sync loops against one IndexedDB.
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }

  // Every renderer sandboxed, whatever a future window's options say.
  app.enableSandbox();
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
  if (process.platform === 'win32') app.setAppUserModelId(APP_USER_MODEL_ID);

  let mainWindow: BrowserWindow | null = null;
  const openExternal = (url: string) => shell.openExternal(url);

  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.show();
    mainWindow.focus();
  });

  app.on('web-contents-created', (_event, contents: WebContents) => {
    contents.setWindowOpenHandler(createWindowOpenHandler(openExternal));
    const guard = createNavigationGuard(openExternal);
    contents.on('will-navigate', (event) => guard(event, event.url));
    contents.on('will-redirect', (event) => guard(event, event.url));
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  const createMainWindow = (): BrowserWindow => {
    const win = new BrowserWindow(mainWindowOptions(path.join(baseDir, 'preload.cjs')));
    win.once('ready-to-show', () => win.show());
    win.on('closed', () => {
      if (mainWindow === win) mainWindow = null;
    });
    win.loadURL(APP_ENTRY_URL).catch((error: unknown) => console.error('[otklik] could not load the UI:', error));
    return win;
  };

  app.on('activate', () => {
    if (mainWindow === null) mainWindow = createMainWindow();
  });

  void app.whenReady().then(() => {
    const userData = app.getPath('userData');
    const config = createConfigStore(
      userData,
      env,
      presetServerUrlFiles({ exePath: app.getPath('exe'), env, platform: process.platform }),
    );
    const tokens = createTokenStore(userData, safeStorage);

    const rendererDir = path.resolve(baseDir, '..', 'renderer');
    if (!existsSync(path.join(rendererDir, 'index.html'))) {
      console.error(`[otklik] ${rendererDir}/index.html is missing: build the UI first (npm run build).`);
    }
    protocol.handle(
      APP_SCHEME,
      createAppProtocolHandler({
        rootDir: rendererDir,
        readFile: (file) => readFile(file),
        getServerUrl: () => config.get().serverUrl,
      }),
    );

    const ses = session.defaultSession;
    ses.setPermissionRequestHandler(permissionRequestHandler);
    ses.setPermissionCheckHandler(permissionCheckHandler);
    try {
      ses.setSpellCheckerLanguages(SPELLCHECK_LANGUAGES);
    } catch (error) {
      // macOS uses the system spellchecker and ignores the list; elsewhere a missing dictionary
      // must not stop the app.
      console.warn('[otklik] spellchecker languages not set:', error);
    }

    Menu.setApplicationMenu(
      Menu.buildFromTemplate(
        buildMenuTemplate({
          // «О программе» is a view of the page: it shows the replica's size and the last sync,
          // which only the page knows.
          onAbout: () => {
            if (!mainWindow) return;
            mainWindow.show();
            mainWindow.webContents.send(IPC_EVENTS.showAbout);
          },
        }),
      ),
    );

    // Only an installed app updates itself (electron-updater needs the packaged app-update.yml).
    let updates: UpdateController | null = null;
    if (app.isPackaged) {
      updates = createUpdateController({
        updater: autoUpdater,
        currentVersion: app.getVersion(),
        getServerUrl: () => config.get().serverUrl,
      });
      updates.start();
    }

    registerIpcHandlers(ipcMain, {
      getMainWebContents: () => mainWindow?.webContents ?? null,
      config,
      tokens,
      openExternal,
      notify: (title, body) => {
        if (Notification.isSupported()) new Notification({ title, body }).show();
      },
      // The CSP naming the server is fixed when the page loads; reload so it names the new one.
      onServerUrlChanged: () => {
        updates?.serverUrlChanged();
        setImmediate(() => mainWindow?.webContents.reload());
      },
      updates,
      checkServer: (url) => checkOtklikServer(url, fetch),
    });

    mainWindow = createMainWindow();
  });
}
