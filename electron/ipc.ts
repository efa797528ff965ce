import type { z } from 'zod';
import { IPC, type StoredSession, type WorkstationConfig } from '../shared/bridge';
import { isAllowedExternalUrl } from '../shared/links';
import { serverUrlSchema, type ConfigStore } from './config';
import type { ServerCheck } from '../shared/health';
import { externalUrlArgSchema, notifyArgsSchema, sessionArgSchema } from './schemas';
import { isAppUrl } from './security';
import type { TokenStore } from './tokens';
import type { UpdateStatus } from '../shared/updates';

/** What a handler learns about its caller (a subset of Electron's IpcMainInvokeEvent). */
export interface InvokeEvent {
  sender: unknown;
  senderFrame: { url: string; parent?: unknown } | null;
}

export type InvokeHandler = (event: InvokeEvent, ...args: unknown[]) => unknown;

export interface IpcMainLike {
  handle(channel: string, listener: InvokeHandler): void;
}

export interface IpcDeps {
  /** The webContents of our one window; calls from anything else are refused. */
  getMainWebContents: () => unknown;
  config: ConfigStore;
  tokens: TokenStore;
  /** shell.openExternal; called only with allow-listed URLs. */
  openExternal: (url: string) => Promise<void>;
  notify: (title: string, body: string) => void;
  /** Called after the server URL actually changed (the page's CSP must then be reloaded). */
  onServerUrlChanged?: (config: WorkstationConfig) => void;
  /** The updater; absent when the app runs unpackaged (updates are not applicable then). */
  updates?: { status(): UpdateStatus; install(): boolean } | null;
  /** Asks `url` whether it is an Otklik server (checkOtklikServer with the main process's fetch). */
  checkServer: (url: string) => Promise<ServerCheck>;
}

export class IpcRefusedError extends Error {
  override name = 'IpcRefusedError';
}

/** The main-process side of window.otklik: one handler per channel of shared/bridge.ts IPC. */
export function registerIpcHandlers(ipcMain: IpcMainLike, deps: IpcDeps): void {
  const handle = (channel: string, body: (args: unknown[]) => unknown) => {
    ipcMain.handle(channel, (event, ...args) => {
      assertTrustedSender(channel, event, deps);
      return body(args);
    });
  };

  handle(IPC.getConfig, (): WorkstationConfig => deps.config.get());

  handle(IPC.setServerUrl, (args): WorkstationConfig => {
    const before = deps.config.get().serverUrl;
    const next = deps.config.setServerUrl(args[0]);
    if (next.serverUrl !== before) deps.onServerUrlChanged?.(next);
    return next;
  });

  // Asked from the main process: the page's CSP lets it reach only the configured server.
  handle(IPC.checkServer, async (args): Promise<ServerCheck> => {
    const parsed = serverUrlSchema.safeParse(args[0]);
    if (!parsed.success) return { ok: false, reason: 'invalid' };
    return deps.checkServer(parsed.data);
  });

  handle(IPC.saveSession, (args): void => {
    deps.tokens.save(parseArg(IPC.saveSession, sessionArgSchema, args[0]));
  });

  handle(IPC.loadSession, (): StoredSession | null => deps.tokens.load());

  handle(IPC.openExternal, async (args): Promise<boolean> => {
    const url = parseArg(IPC.openExternal, externalUrlArgSchema, args[0]);
    if (!isAllowedExternalUrl(url)) return false;
    await deps.openExternal(url);
    return true;
  });

  handle(IPC.notify, (args): void => {
    const [title, body] = parseArg(IPC.notify, notifyArgsSchema, [args[0], args[1]]);
    deps.notify(title, body);
  });

  handle(IPC.getUpdateStatus, (): UpdateStatus => deps.updates?.status() ?? { state: 'not-applicable' });

  handle(IPC.installUpdate, (): boolean => deps.updates?.install() ?? false);
}

function assertTrustedSender(channel: string, event: InvokeEvent, deps: IpcDeps): void {
  const frame = event.senderFrame;
  const main = deps.getMainWebContents();
  const trusted =
    main !== null &&
    main !== undefined &&
    event.sender === main &&
    frame !== null &&
    (frame.parent === null || frame.parent === undefined) &&
    isAppUrl(frame.url);
  if (!trusted) {
    throw new IpcRefusedError(`Refused ${channel}: the caller is not the Otklik window (${frame?.url ?? 'no frame'})`);
  }
}

function parseArg<S extends z.ZodType>(channel: string, schema: S, value: unknown): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = issue && issue.path.length > 0 ? ` at ${issue.path.join('.')}` : '';
  throw new IpcRefusedError(`Invalid arguments for ${channel}${where}: ${issue?.message ?? 'invalid'}`);
}
