import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { WorkstationConfig } from '../shared/bridge';

export const DEFAULT_SERVER_URL = 'http://127.0.0.1:8787';
export const CONFIG_FILE = 'config.json';

// The page is served from a secure origin (app://otklik), from which Chromium blocks plain-http
// requests as mixed content unless they go to this computer itself.
const LOOPBACK_HOSTS = new Set(['localhost', '[::1]']);
function isLoopback(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname) || /^127(\.\d{1,3}){3}$/.test(hostname);
}

/**
 * An http(s) URL of the regional server, normalised to have no trailing slash. Plain http is
 * accepted only for a server on this computer: anything else would be blocked by the page anyway,
 * and tokens must not cross a network in clear.
 */
export const serverUrlSchema = z
  .string()
  .trim()
  .min(1)
  .max(2048)
  .superRefine((raw, ctx) => {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      ctx.addIssue({ code: 'custom', message: 'The server URL must be an http:// or https:// address' });
      return;
    }
    if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.username !== '' || url.password !== '') {
      ctx.addIssue({ code: 'custom', message: 'The server URL must be an http:// or https:// address' });
    } else if (url.protocol === 'http:' && !isLoopback(url.hostname)) {
      ctx.addIssue({ code: 'custom', message: 'A server on another computer must use https://' });
    }
  })
  .transform((raw) => raw.replace(/\/+$/, ''));

export const workstationConfigSchema = z.object({ serverUrl: serverUrlSchema });

export interface ConfigStore {
  get(): WorkstationConfig;
  /** Validates, saves and returns the new config; throws a clear error on an invalid URL. */
  setServerUrl(url: unknown): WorkstationConfig;
}

/**
 * The workstation config lives in userData/config.json. Until a clerk saves a server URL the
 * default comes from OTKLIK_SERVER_URL (how installers and tests point the app at a server).
 */
export function createConfigStore(dir: string, env: NodeJS.ProcessEnv = process.env): ConfigStore {
  const file = path.join(dir, CONFIG_FILE);
  let current = load(file, defaultConfig(env));

  return {
    get: () => ({ ...current }),
    setServerUrl(url) {
      const parsed = serverUrlSchema.safeParse(url);
      if (!parsed.success) {
        throw new Error(`Invalid server URL: ${parsed.error.issues[0]?.message ?? 'not an http(s) URL'}`);
      }
      const next: WorkstationConfig = { serverUrl: parsed.data };
      fs.mkdirSync(dir, { recursive: true });
      // Write then rename, so a crash mid-write never leaves a half file that resets the config.
      const tmp = `${file}.tmp`;
      fs.writeFileSync(tmp, `${JSON.stringify(next, null, 2)}\n`, 'utf8');
      fs.renameSync(tmp, file);
      current = next;
      return { ...current };
    },
  };
}

export function defaultConfig(env: NodeJS.ProcessEnv): WorkstationConfig {
  const fromEnv = env.OTKLIK_SERVER_URL;
  if (fromEnv !== undefined && fromEnv !== '') {
    const parsed = serverUrlSchema.safeParse(fromEnv);
    if (parsed.success) return { serverUrl: parsed.data };
    console.warn(`[otklik] OTKLIK_SERVER_URL is not an http(s) URL, using ${DEFAULT_SERVER_URL}: ${fromEnv}`);
  }
  return { serverUrl: DEFAULT_SERVER_URL };
}

function load(file: string, fallback: WorkstationConfig): WorkstationConfig {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return fallback; // first run
  }
  try {
    const parsed = workstationConfigSchema.safeParse(JSON.parse(text));
    if (parsed.success) return parsed.data;
    console.warn(`[otklik] ${file} is invalid, using the default server URL:`, parsed.error.issues[0]?.message);
  } catch (error) {
    console.warn(`[otklik] ${file} is not JSON, using the default server URL:`, error);
  }
  return fallback;
}
