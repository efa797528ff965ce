import { create } from 'zustand';
import type { OtklikBridge, StoredSession, WorkstationConfig } from '../../shared/bridge';
import { getBridge } from '../bridge';
import { getDb } from '../db';
import { ApiError, createApi, NetworkError, SyncClient } from '../sync';

export type Phase = 'loading' | 'login' | 'ready';

export interface SessionState {
  phase: Phase;
  config: WorkstationConfig | null;
  session: StoredSession | null;
  client: SyncClient | null;
  /** The appeal open in the appeal view. */
  openAppealId: string | null;
  init(): Promise<void>;
  /** Throws LoginError with a code for the login screen to show in Russian. */
  login(username: string, password: string): Promise<void>;
  logout(): Promise<void>;
  setServerUrl(url: string): Promise<WorkstationConfig>;
  openAppeal(id: string | null): void;
}

/** Why a login failed, as an error code the login screen maps to a Russian message. */
export class LoginError extends Error {
  constructor(
    readonly code: string,
    /** For account_locked: when the account may try again (ISO instant). */
    readonly lockedUntil?: string,
  ) {
    super(code);
    this.name = 'LoginError';
  }
}

let initStarted = false;

function startClient(bridge: OtklikBridge, session: StoredSession): SyncClient {
  const client = new SyncClient({
    db: getDb(),
    session,
    saveSession: async (s) => {
      await bridge.saveSession(s);
      useSession.setState({ session: s });
    },
    // Tabs of one browser share the saved session; Electron has one window per session.
    loadSavedSession: bridge.kind === 'browser' ? () => bridge.loadSession() : undefined,
    createEventSource: typeof EventSource === 'function' ? (url) => new EventSource(url) : null,
    events: window,
  });
  void client.start();
  return client;
}

/**
 * Who is logged in, to which server, and the running sync client. A stored session opens the
 * workstation at once, with no network: the replica is local.
 */
export const useSession = create<SessionState>((set, get) => ({
  phase: 'loading',
  config: null,
  session: null,
  client: null,
  openAppealId: null,

  async init() {
    // React's StrictMode runs effects twice in development: one client, not two.
    if (initStarted) return;
    initStarted = true;
    const bridge = getBridge();
    const [config, session] = await Promise.all([bridge.getConfig(), bridge.loadSession()]);
    if (!session) {
      set({ phase: 'login', config });
      return;
    }
    set({ phase: 'ready', config, session, client: startClient(bridge, session) });
  },

  async login(username, password) {
    const bridge = getBridge();
    const config = get().config ?? (await bridge.getConfig());
    let session: StoredSession;
    try {
      const response = await createApi(config.serverUrl).login(username.trim(), password);
      session = { user: response.user, accessToken: response.accessToken, refreshToken: response.refreshToken, serverUrl: config.serverUrl };
    } catch (error) {
      if (error instanceof ApiError) {
        const until = (error.details as { lockedUntil?: unknown } | undefined)?.lockedUntil;
        throw new LoginError(error.code === 'http_error' ? 'internal_error' : error.code, typeof until === 'string' ? until : undefined);
      }
      if (error instanceof NetworkError) throw new LoginError('unreachable');
      throw new LoginError('protocol');
    }
    await bridge.saveSession(session);
    const current = get().client;
    if (current && current.user.id === session.user.id && current.api.serverUrl === session.serverUrl) {
      // The session had run out: carry on with the same replica, outbox and drafts.
      await current.resumeSession(session);
      set({ phase: 'ready', session, config });
      return;
    }
    current?.stop();
    set({ phase: 'ready', session, config, client: startClient(bridge, session), openAppealId: null });
  },

  async logout() {
    get().client?.stop();
    // The replica, the outbox and the drafts stay: they are sent after the next login.
    await getBridge().saveSession(null);
    set({ phase: 'login', session: null, client: null, openAppealId: null });
  },

  async setServerUrl(url) {
    const config = await getBridge().setServerUrl(url);
    set({ config });
    return config;
  },

  openAppeal(id) {
    set({ openAppealId: id });
  },
}));
