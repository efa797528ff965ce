/**
 * Where is an Electron binary we can run? The electron npm package ships no binary: its
 * postinstall downloads one from GitHub, which this network may refuse. Used by `npm start` and
 * the Electron end-to-end tests to run the desktop app where possible and say why not otherwise.
 *
 * The package's own `require('electron')` is deliberately not called: when the binary is absent it
 * starts a download (a network call and a long wait) instead of just answering.
 */
import { accessSync, constants, existsSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export type ElectronBinary = { path: string } | { missing: string };

export interface FindOptions {
  env?: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
  /** Folder of the electron npm package; found through module resolution when omitted. */
  packageDir?: string | null;
}

/** The executable's path inside an Electron dist folder, as the electron package names it. */
export function binaryNameFor(platform: NodeJS.Platform): string {
  if (platform === 'win32') return 'electron.exe';
  if (platform === 'darwin') return 'Electron.app/Contents/MacOS/Electron';
  return 'electron';
}

export function findElectronBinary(options: FindOptions = {}): ElectronBinary {
  const env = options.env ?? process.env;
  const platform = options.platform ?? process.platform;
  const packageDir = options.packageDir === undefined ? electronPackageDir() : options.packageDir;
  const pathTxt = packageDir ? readPathTxt(packageDir) : null;

  const override = env.ELECTRON_OVERRIDE_DIST_PATH;
  if (override) {
    return checkExecutable(join(override, pathTxt ?? binaryNameFor(platform)), 'ELECTRON_OVERRIDE_DIST_PATH');
  }
  if (!packageDir) return { missing: 'the electron npm package is not installed' };
  if (pathTxt === null) {
    return {
      missing: `the electron package at ${packageDir} has no downloaded binary (path.txt absent: its download did not run or failed)`,
    };
  }
  return checkExecutable(join(packageDir, 'dist', pathTxt), 'the electron package');
}

function checkExecutable(file: string, source: string): ElectronBinary {
  if (!existsSync(file) || !statSync(file).isFile()) return { missing: `${file} (from ${source}) does not exist` };
  try {
    accessSync(file, constants.X_OK);
  } catch {
    return { missing: `${file} (from ${source}) is not executable` };
  }
  return { path: file };
}

function readPathTxt(packageDir: string): string | null {
  try {
    const text = readFileSync(join(packageDir, 'path.txt'), 'utf8').trim();
    return text === '' ? null : text;
  } catch {
    return null;
  }
}

function electronPackageDir(): string | null {
  try {
    return dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  } catch {
    return null;
  }
}
