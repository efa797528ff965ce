import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { IPC, IPC_EVENTS } from '../shared/bridge';

type Listener = (...args: unknown[]) => unknown;

// A stand-in for the parts of Electron the wiring touches; no Electron binary exists here.
const fake = vi.hoisted(() => {
  const appListeners = new Map<string, Listener[]>();
  const ipcHandlers = new Map<string, Listener>();

  class FakeWebContents {
    listeners = new Map<string, Listener>();
    windowOpenHandler: Listener | null = null;
    reload = vi.fn();
    send = vi.fn();
    on(event: string, listener: Listener) {
      this.listeners.set(event, listener);
      return this;
    }
    setWindowOpenHandler(handler: Listener) {
      this.windowOpenHandler = handler;
    }
  }

  class FakeBrowserWindow {
    static instances: FakeBrowserWindow[] = [];
    webContents = new FakeWebContents();
    loadURL = vi.fn(async (_url: string) => {});
    show = vi.fn();
    focus = vi.fn();
    restore = vi.fn();
    minimized = false;
    constructor(public options: Record<string, unknown>) {
      FakeBrowserWindow.instances.push(this);
    }
    isMinimized() {
      return this.minimized;
    }
    once() {
      return this;
    }
    on() {
      return this;
    }
  }

  const state = { lock: true };
  const app = {
    paths: new Map<string, string>([['appData', '/nonexistent/appData']]),
    setPath: vi.fn((name: string, value: string) => void app.paths.set(name, value)),
    getPath: vi.fn((name: string) => app.paths.get(name) ?? `/nonexistent/${name}`),
    requestSingleInstanceLock: vi.fn(() => state.lock),
    quit: vi.fn(),
    on: vi.fn((event: string, listener: Listener) => {
      appListeners.set(event, [...(appListeners.get(event) ?? []), listener]);
      return app;
    }),
    whenReady: vi.fn(() => Promise.resolve()),
    setAppUserModelId: vi.fn(),
    enableSandbox: vi.fn(),
    getVersion: () => '0.1.0',
  };

  return {
    state,
    app,
    appListeners,
    ipcHandlers,
    FakeBrowserWindow,
    FakeWebContents,
    protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() },
    defaultSession: {
      setPermissionRequestHandler: vi.fn(),
      setPermissionCheckHandler: vi.fn(),
      setSpellCheckerLanguages: vi.fn(),
    },
    Menu: { buildFromTemplate: vi.fn((template: unknown) => ({ template })), setApplicationMenu: vi.fn() },
    shell: { openExternal: vi.fn(async () => {}) },
  };
});

vi.mock('electron', () => ({
  app: fake.app,
  BrowserWindow: fake.FakeBrowserWindow,
  protocol: fake.protocol,
  session: { defaultSession: fake.defaultSession },
  Menu: fake.Menu,
  ipcMain: { handle: (channel: string, listener: Listener) => void fake.ipcHandlers.set(channel, listener) },
  shell: fake.shell,
  dialog: { showMessageBox: vi.fn(async () => ({ response: 0 })) },
  Notification: Object.assign(vi.fn(), { isSupported: () => false }),
  safeStorage: { isEncryptionAvailable: () => false, encryptString: vi.fn(), decryptString: vi.fn() },
}));

const { startApp } = await import('./app');

let tmp: string;
let baseDir: string;
const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

beforeEach(() => {
  vi.clearAllMocks();
  fake.state.lock = true;
  fake.appListeners.clear();
  fake.ipcHandlers.clear();
  fake.FakeBrowserWindow.instances = [];
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'otklik-app-'));
  baseDir = path.join(tmp, 'dist', 'electron');
  fs.mkdirSync(path.join(tmp, 'dist', 'renderer'), { recursive: true });
  fs.writeFileSync(path.join(tmp, 'dist', 'renderer', 'index.html'), '<!doctype html><title>Отклик</title>');
});
afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

async function start() {
  startApp({
    baseDir,
    env: { OTKLIK_USER_DATA_DIR: path.join(tmp, 'userData'), OTKLIK_SERVER_URL: 'http://127.0.0.1:18787' },
  });
  await flush();
  const win = fake.FakeBrowserWindow.instances[0];
  if (!win) throw new Error('no window was created');
  return win;
}

const emitApp = (event: string, ...args: unknown[]) => fake.appListeners.get(event)?.forEach((l) => l(...args));

describe('main process wiring', () => {
  it('creates one isolated, sandboxed window without Node, loading the app from app://otklik', async () => {
    const win = await start();
    expect(fake.FakeBrowserWindow.instances).toHaveLength(1);
    expect(win.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: true,
      preload: path.join(baseDir, 'preload.cjs'),
    });
    expect(win.loadURL).toHaveBeenCalledWith('app://otklik/index.html');
    expect(fake.app.enableSandbox).toHaveBeenCalled();
    expect(fake.defaultSession.setSpellCheckerLanguages).toHaveBeenCalledWith(['ru', 'en-US']);
  });

  it('registers the app scheme as privileged before the app is ready', () => {
    fake.app.whenReady.mockReturnValueOnce(new Promise(() => {}));
    startApp({ baseDir, env: { OTKLIK_USER_DATA_DIR: path.join(tmp, 'userData') } });
    expect(fake.protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ]);
    expect(fake.FakeBrowserWindow.instances).toHaveLength(0);
  });

  it('a second instance quits at once and opens no window', async () => {
    fake.state.lock = false;
    startApp({ baseDir, env: { OTKLIK_USER_DATA_DIR: path.join(tmp, 'userData') } });
    await flush();
    expect(fake.app.quit).toHaveBeenCalled();
    expect(fake.app.whenReady).not.toHaveBeenCalled();
    expect(fake.FakeBrowserWindow.instances).toHaveLength(0);
  });

  it('the first instance brings its window forward when a second one is launched', async () => {
    const win = await start();
    win.minimized = true;
    emitApp('second-instance', {}, ['otklik']);
    expect(win.restore).toHaveBeenCalled();
    expect(win.focus).toHaveBeenCalled();
    expect(fake.app.quit).not.toHaveBeenCalled();
  });

  it('keeps profile data in OTKLIK_USER_DATA_DIR when given', async () => {
    await start();
    expect(fake.app.setPath).toHaveBeenCalledWith('userData', path.join(tmp, 'userData'));
  });

  it('serves the built renderer with a CSP naming the configured server', async () => {
    await start();
    const [scheme, handler] = fake.protocol.handle.mock.calls[0] as [string, (r: Request) => Promise<Response>];
    expect(scheme).toBe('app');
    const response = await handler(new Request('app://otklik/appeals/1'));
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<title>Отклик</title>');
    expect(response.headers.get('content-security-policy')).toContain("connect-src 'self' http://127.0.0.1:18787");
  });

  it('blocks navigation away from the app and every new window in any web contents', async () => {
    await start();
    const contents = new fake.FakeWebContents();
    emitApp('web-contents-created', {}, contents);
    const preventDefault = vi.fn();
    contents.listeners.get('will-navigate')?.({ url: 'https://evil.example/', preventDefault });
    expect(preventDefault).toHaveBeenCalled();
    expect(contents.windowOpenHandler?.({ url: 'https://vk.com/wall-1_2' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    await flush();
    expect(fake.shell.openExternal.mock.calls).toEqual([['https://vk.com/wall-1_2']]);
  });

  it('denies permissions other than notifications through the session handlers', async () => {
    await start();
    const [request] = fake.defaultSession.setPermissionRequestHandler.mock.calls[0] as [Listener];
    const callback = vi.fn();
    request(null, 'media', callback, { requestingUrl: 'app://otklik/index.html' });
    request(null, 'notifications', callback, { requestingUrl: 'app://otklik/index.html' });
    expect(callback.mock.calls).toEqual([[false], [true]]);
    expect(fake.defaultSession.setPermissionCheckHandler).toHaveBeenCalled();
  });

  it('answers the bridge only for its own window, and reloads it when the server changes', async () => {
    const win = await start();
    expect([...fake.ipcHandlers.keys()].sort()).toEqual(Object.values(IPC).sort());
    const own = { sender: win.webContents, senderFrame: { url: 'app://otklik/index.html', parent: null } };
    expect(await fake.ipcHandlers.get(IPC.getConfig)?.(own)).toEqual({ serverUrl: 'http://127.0.0.1:18787', serverUrlSource: 'environment' });
    const stranger = { sender: new fake.FakeWebContents(), senderFrame: { url: 'app://otklik/index.html', parent: null } };
    expect(() => fake.ipcHandlers.get(IPC.getConfig)?.(stranger)).toThrow(/not the Otklik window/);

    await fake.ipcHandlers.get(IPC.setServerUrl)?.(own, 'https://cur.example.ru');
    await new Promise((resolve) => setImmediate(resolve));
    expect(win.webContents.reload).toHaveBeenCalled();
    expect(JSON.parse(fs.readFileSync(path.join(tmp, 'userData', 'config.json'), 'utf8'))).toEqual({
      serverUrl: 'https://cur.example.ru',
    });
  });

  it('installs a Russian menu', async () => {
    await start();
    const [template] = fake.Menu.buildFromTemplate.mock.calls[0] as [
      Array<{ label: string; submenu: Array<{ label?: string; role?: string }> }>,
    ];
    expect(template.map((m) => m.label)).toEqual(['Файл', 'Правка', 'Вид', 'Справка']);
    expect(template[0]?.submenu.map((i) => i.label)).toEqual(['Выход']);
    expect(template[1]?.submenu.map((i) => i.role).filter(Boolean)).toEqual(['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll']);
    expect(template[2]?.submenu.map((i) => i.label)).toEqual(['Перезагрузить', 'Полноэкранный режим']);
    expect(template[3]?.submenu.map((i) => i.label)).toEqual(['О программе']);
    expect(fake.Menu.setApplicationMenu).toHaveBeenCalled();
  });

  it('opens the page’s «О программе» view from the menu', async () => {
    const win = await start();
    const [template] = fake.Menu.buildFromTemplate.mock.calls[0] as [Array<{ submenu: Array<{ click?: () => void }> }>];
    template[3]?.submenu[0]?.click?.();
    expect(win.webContents.send).toHaveBeenCalledWith(IPC_EVENTS.showAbout);
    expect(win.show).toHaveBeenCalled();
  });
});
