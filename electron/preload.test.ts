import { beforeAll, describe, expect, it, vi } from 'vitest';
import { IPC, IPC_EVENTS, type OtklikBridge } from '../shared/bridge';

const fake = vi.hoisted(() => ({
  exposed: new Map<string, unknown>(),
  invoke: vi.fn(async (channel: string, ...args: unknown[]) => ({ channel, args })),
  on: vi.fn(),
  removeListener: vi.fn(),
}));

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => void fake.exposed.set(key, api) },
  ipcRenderer: { invoke: fake.invoke, on: fake.on, removeListener: fake.removeListener, send: vi.fn() },
}));

let bridge: OtklikBridge;
beforeAll(async () => {
  await import('./preload');
  bridge = fake.exposed.get('otklik') as OtklikBridge;
});

describe('preload', () => {
  it('exposes exactly one thing to the page: window.otklik, of kind electron', () => {
    expect([...fake.exposed.keys()]).toEqual(['otklik']);
    expect(bridge.kind).toBe('electron');
  });

  it('offers only the bridge functions, never ipcRenderer itself', () => {
    expect(Object.keys(bridge).sort()).toEqual(
      [
        'kind',
        'getConfig',
        'setServerUrl',
        'saveSession',
        'loadSession',
        'openExternal',
        'notify',
        'getUpdateStatus',
        'installUpdate',
        'checkServer',
        'onShowAbout',
      ].sort(),
    );
    for (const value of Object.values(bridge)) {
      expect(value).not.toHaveProperty('invoke');
      expect(value).not.toHaveProperty('send');
    }
  });

  it('sends each call on its channel with its arguments', async () => {
    expect(await bridge.getConfig()).toEqual({ channel: IPC.getConfig, args: [] });
    expect(await bridge.setServerUrl('https://x.ru')).toEqual({ channel: IPC.setServerUrl, args: ['https://x.ru'] });
    expect(await bridge.saveSession(null)).toEqual({ channel: IPC.saveSession, args: [null] });
    expect(await bridge.loadSession()).toEqual({ channel: IPC.loadSession, args: [] });
    expect(await bridge.openExternal('https://vk.com/x')).toEqual({ channel: IPC.openExternal, args: ['https://vk.com/x'] });
    expect(await bridge.notify('Заголовок', 'Текст')).toEqual({ channel: IPC.notify, args: ['Заголовок', 'Текст'] });
    expect(await bridge.getUpdateStatus()).toEqual({ channel: IPC.getUpdateStatus, args: [] });
    expect(await bridge.installUpdate()).toEqual({ channel: IPC.installUpdate, args: [] });
  });

  it('tells the page when the menu asks for «О программе», without handing it the IPC event', () => {
    const listener = vi.fn();
    const off = bridge.onShowAbout(listener);
    const [channel, handler] = fake.on.mock.calls[0] as [string, (...args: unknown[]) => void];
    expect(channel).toBe(IPC_EVENTS.showAbout);
    handler({ sender: 'ipc internals' });
    expect(listener).toHaveBeenCalledWith();
    off();
    expect(fake.removeListener).toHaveBeenCalledWith(IPC_EVENTS.showAbout, handler);
  });
});
