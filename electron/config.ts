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

/** The file an installer or an administrator drops to preset the server address (one line: the URL). */
export const PRESET_FILE_NAME = 'server-url.txt';
export const LINUX_PRESET_FILE = '/etc/otklik/server-url';

/**
 * Where a preset server address is looked for, first found wins: next to the executable (next to
 * the .AppImage file for an AppImage), then the machine-wide place — /etc/otklik/server-url on
 * Linux, %ProgramData%\Otklik\server-url.txt on Windows.
 */
export function presetServerUrlFiles(opts: { exePath: string; env: NodeJS.ProcessEnv; platform: NodeJS.Platform }): string[] {
  const beside = opts.env.APPIMAGE ? path.dirname(opts.env.APPIMAGE) : path.dirname(opts.exePath);
  const files = [path.join(beside, PRESET_FILE_NAME)];
  if (opts.platform === 'linux') files.push(LINUX_PRESET_FILE);
  if (opts.platform === 'win32' && opts.env.ProgramData) files.push(path.win32.join(opts.env.ProgramData, 'Otklik', PRESET_FILE_NAME));
  return files;
}

export interface ConfigStore {
  get(): WorkstationConfig;
  /** Validates, saves and returns the new config; throws a clear error on an invalid URL. */
  setServerUrl(url: unknown): WorkstationConfig;
}

/**
 * The workstation config lives in userData/config.json. Until a clerk saves a server URL it comes
 * from OTKLIK_SERVER_URL, else from a preset file (mass deployment); with neither, the first run
 * asks for it (source 'none').
 */
export function createConfigStore(dir: string, env: NodeJS.ProcessEnv = process.env, presetFiles: string[] = []): ConfigStore {
  const file = path.join(dir, CONFIG_FILE);
  let current = load(file) ?? defaultConfig(env, presetFiles);

  return {
    get: () => ({ ...current }),
    setServerUrl(url) {
      const parsed = serverUrlSchema.safeParse(url);
      if (!parsed.success) {
        throw new Error(`Invalid server URL: ${parsed.error.issues[0]?.message ?? 'not an http(s) URL'}`);
      }
      fs.mkdirSync(dir, { recursive: true });
      // Write then rename, so a crash mid-write never leaves a half file that resets the config.
      const tmp = `${file}.tmp`;
      fs.writeFileSync(tmp, `${JSON.stringify({ serverUrl: parsed.data }, null, 2)}\n`, 'utf8');
      fs.renameSync(tmp, file);
      current = { serverUrl: parsed.data, serverUrlSource: 'saved' };
      return { ...current };
    },
  };
}

export function defaultConfig(env: NodeJS.ProcessEnv, presetFiles: string[] = []): WorkstationConfig {
  const fromEnv = env.OTKLIK_SERVER_URL;
  if (fromEnv !== undefined && fromEnv !== '') {
    const parsed = serverUrlSchema.safeParse(fromEnv);
    if (parsed.success) return { serverUrl: parsed.data, serverUrlSource: 'environment' };
    console.warn(`[otklik] OTKLIK_SERVER_URL is not an http(s) URL, ignored: ${fromEnv}`);
  }
  for (const preset of presetFiles) {
    let text: string;
    try {
      text = fs.readFileSync(preset, 'utf8');
    } catch {
      continue; // not there: the usual case
    }
    const line = text.split(/\r?\n/).find((l) => l.trim() !== '' && !l.trim().startsWith('#'))?.trim() ?? '';
    const parsed = serverUrlSchema.safeParse(line.replace(/^\uFEFF/, ''));
    if (parsed.success) return { serverUrl: parsed.data, serverUrlSource: 'preset' };
    console.warn(`[otklik] ${preset} does not hold an http(s) server address, ignored:`, parsed.error.issues[0]?.message);
  }
  return { serverUrl: DEFAULT_SERVER_URL, serverUrlSource: 'none' };
}

function load(file: string): WorkstationConfig | null {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return null; // first run
  }
  try {
    const parsed = workstationConfigSchema.safeParse(JSON.parse(text));
    if (parsed.success) return { serverUrl: parsed.data.serverUrl, serverUrlSource: 'saved' };
    console.warn(`[otklik] ${file} is invalid, ignored:`, parsed.error.issues[0]?.message);
  } catch (error) {
    console.warn(`[otklik] ${file} is not JSON, ignored:`, error);
  }
  return null;
}
