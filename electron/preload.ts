import { contextBridge, ipcRenderer } from 'electron';
import { IPC, type OtklikBridge } from '../shared/bridge';

/**
 * The only thing the page gets from Electron: window.otklik, a fixed set of functions over
 * ipcRenderer.invoke. ipcRenderer itself is never handed over, so a script injected into the page
 * could at most call these same validated handlers.
 */
export function createBridge(invoke: (channel: string, ...args: unknown[]) => Promise<unknown>): OtklikBridge {
  return {
    kind: 'electron',
    getConfig: () => invoke(IPC.getConfig) as ReturnType<OtklikBridge['getConfig']>,
    setServerUrl: (url) => invoke(IPC.setServerUrl, url) as ReturnType<OtklikBridge['setServerUrl']>,
    saveSession: (session) => invoke(IPC.saveSession, session) as ReturnType<OtklikBridge['saveSession']>,
    loadSession: () => invoke(IPC.loadSession) as ReturnType<OtklikBridge['loadSession']>,
    openExternal: (url) => invoke(IPC.openExternal, url) as ReturnType<OtklikBridge['openExternal']>,
    notify: (title, body) => invoke(IPC.notify, title, body) as ReturnType<OtklikBridge['notify']>,
    getUpdateStatus: () => invoke(IPC.getUpdateStatus) as ReturnType<OtklikBridge['getUpdateStatus']>,
    installUpdate: () => invoke(IPC.installUpdate) as ReturnType<OtklikBridge['installUpdate']>,
  };
}

contextBridge.exposeInMainWorld(
  'otklik',
  createBridge((channel, ...args) => ipcRenderer.invoke(channel, ...args)),
);
