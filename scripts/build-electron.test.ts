import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IPC } from '../shared/bridge';
import { buildElectron } from './build-electron';

/**
 * The bundles are what Electron actually loads; run them under plain Node with a recording
 * stand-in for the `electron` module, to prove they are self-contained and wire a secure window.
 */
const FAKE_ELECTRON = `
const record = (name) => (...args) => { process.stdout.write(JSON.stringify([name, args.filter((a) => typeof a !== 'function')]) + '\\n'); };
class BrowserWindow {
  constructor(options) { record('BrowserWindow')(options); this.webContents = { on() {}, reload() {}, setWindowOpenHandler() {} }; }
  once() {} on() {}
  loadURL(url) { record('loadURL')(url); return Promise.resolve(); }
}
module.exports = {
  app: { setPath: record('setPath'), getPath: (n) => require('path').join(__dirname, n), requestSingleInstanceLock: () => true,
    quit: record('quit'), on() {}, whenReady: () => Promise.resolve(), setAppUserModelId() {}, enableSandbox() {}, getVersion: () => '0.0.0' },
  BrowserWindow,
  protocol: { registerSchemesAsPrivileged: record('registerSchemesAsPrivileged'), handle: record('protocol.handle') },
  session: { defaultSession: { setPermissionRequestHandler() {}, setPermissionCheckHandler() {}, setSpellCheckerLanguages() {} } },
  Menu: { buildFromTemplate: (t) => t, setApplicationMenu() {} },
  ipcMain: { handle: record('ipcMain.handle') },
  shell: {}, dialog: {}, Notification: { isSupported: () => false },
  safeStorage: { isEncryptionAvailable: () => false },
  contextBridge: { exposeInMainWorld: (key, api) => record('exposeInMainWorld')(key, Object.keys(api)) },
  ipcRenderer: { invoke: async () => null },
};
`;

let tmp: string;
beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'otklik-build-electron-'));
  await buildElectron(path.join(tmp, 'dist', 'electron'));
  fs.mkdirSync(path.join(tmp, 'node_modules', 'electron'), { recursive: true });
  fs.writeFileSync(path.join(tmp, 'node_modules', 'electron', 'index.js'), FAKE_ELECTRON);
  fs.mkdirSync(path.join(tmp, 'dist', 'renderer'));
  fs.writeFileSync(path.join(tmp, 'dist', 'renderer', 'index.html'), '<!doctype html>');
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function run(bundle: string): Array<[string, unknown[]]> {
  const result = spawnSync(process.execPath, [path.join(tmp, 'dist', 'electron', bundle)], {
    cwd: tmp,
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '' },
  });
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  return result.stdout.trim().split('\n').map((line) => JSON.parse(line) as [string, unknown[]]);
}

describe('Electron bundles', () => {
  it('main.cjs opens a sandboxed, isolated window on app://otklik with the preload next to it', () => {
    const calls = run('main.cjs');
    const names = calls.map(([name]) => name);
    expect(names.indexOf('registerSchemesAsPrivileged')).toBeLessThan(names.indexOf('BrowserWindow'));
    expect(names.filter((n) => n === 'ipcMain.handle')).toHaveLength(Object.values(IPC).length);
    const [, [options]] = calls.find(([name]) => name === 'BrowserWindow')!;
    const prefs = (options as { webPreferences: Record<string, unknown> }).webPreferences;
    expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false });
    expect(fs.existsSync(prefs.preload as string)).toBe(true);
    expect(calls).toContainEqual(['loadURL', ['app://otklik/index.html']]);
  });

  it('preload.cjs exposes only window.otklik with the bridge functions', () => {
    expect(run('preload.cjs')).toEqual([
      [
        'exposeInMainWorld',
        [
          'otklik',
          [
            'kind',
            'getConfig',
            'setServerUrl',
            'checkServer',
            'saveSession',
            'loadSession',
            'openExternal',
            'notify',
            'getUpdateStatus',
            'installUpdate',
            'onShowAbout',
          ],
        ],
      ],
    ]);
  });

  it('preload.cjs requires nothing but electron (a sandboxed preload has no Node)', () => {
    const code = fs.readFileSync(path.join(tmp, 'dist', 'electron', 'preload.cjs'), 'utf8');
    expect([...code.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1])).toEqual(['electron']);
  });
});
