import { contextBridge, ipcRenderer } from 'electron';
import { IPC, IPC_EVENTS, type OtklikBridge } from '../shared/bridge';

type Invoke = (channel: string, ...args: unknown[]) => Promise<unknown>;
/** Listens on a main-to-page channel; returns the unsubscribe. */
type Subscribe = (channel: string, listener: () => void) => () => void;

/**
 * The only thing the page gets from Electron: window.otklik, a fixed set of functions over
 * ipcRenderer.invoke. ipcRenderer itself is never handed over, so a script injected into the page
 * could at most call these same validated handlers.
 */
export function createBridge(invoke: Invoke, subscribe: Subscribe): OtklikBridge {
  return {
    kind: 'electron',
    getConfig: () => invoke(IPC.getConfig) as ReturnType<OtklikBridge['getConfig']>,
    setServerUrl: (url) => invoke(IPC.setServerUrl, url) as ReturnType<OtklikBridge['setServerUrl']>,
    checkServer: (url) => invoke(IPC.checkServer, url) as ReturnType<OtklikBridge['checkServer']>,
    saveSession: (session) => invoke(IPC.saveSession, session) as ReturnType<OtklikBridge['saveSession']>,
    loadSession: () => invoke(IPC.loadSession) as ReturnType<OtklikBridge['loadSession']>,
    openExternal: (url) => invoke(IPC.openExternal, url) as ReturnType<OtklikBridge['openExternal']>,
    notify: (title, body) => invoke(IPC.notify, title, body) as ReturnType<OtklikBridge['notify']>,
    getUpdateStatus: () => invoke(IPC.getUpdateStatus) as ReturnType<OtklikBridge['getUpdateStatus']>,
    installUpdate: () => invoke(IPC.installUpdate) as ReturnType<OtklikBridge['installUpdate']>,
    // The page's listener never sees the IPC event (it carries the sender object).
    onShowAbout: (listener) => subscribe(IPC_EVENTS.showAbout, () => listener()),
  };
}

contextBridge.exposeInMainWorld(
  'otklik',
  createBridge(
    (channel, ...args) => ipcRenderer.invoke(channel, ...args),
    (channel, listener) => {
      ipcRenderer.on(channel, listener);
      return () => void ipcRenderer.removeListener(channel, listener);
    },
  ),
);
