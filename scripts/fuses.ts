/**
 * Electron fuses: switches compiled into the Electron binary, flipped once at packaging so no
 * launch flag or environment variable can turn them back on an office PC.
 */
import path from 'node:path';
import { flipFuses, FuseV1Options, FuseVersion, type FuseConfig } from '@electron/fuses';

/** The fuse configuration every packaged workstation gets; the afterPack hook applies exactly this. */
export const FUSE_CONFIG = {
  version: FuseVersion.V1,
  // The app's executable never runs as a plain Node.js (ELECTRON_RUN_AS_NODE would make it one).
  [FuseV1Options.RunAsNode]: false,
  // NODE_OPTIONS and --inspect would let anyone on the PC inject code or attach a debugger to the
  // main process, which holds the session tokens.
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  // Only the packaged app.asar is loaded, and only if it matches the hash embedded at packaging.
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  // Cookies on disk are encrypted with the OS key store, like the tokens (safeStorage).
  [FuseV1Options.EnableCookieEncryption]: true,
  // The page is served from app://, never file://: file pages need no extra privileges.
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
} as const satisfies FuseConfig;

/** What electron-builder passes to afterPack (the part used here). */
export interface AfterPackContext {
  appOutDir: string;
  electronPlatformName: string;
  /** LinuxPackager has executableName; the Windows and macOS packagers name by productFilename. */
  packager: { executableName?: string; appInfo: { productFilename: string } };
}

/** The packaged executable inside appOutDir, as electron-builder names it per platform. */
export function packagedExecutable(context: AfterPackContext): string {
  const { appOutDir, electronPlatformName, packager } = context;
  if (electronPlatformName === 'win32') return path.join(appOutDir, `${packager.appInfo.productFilename}.exe`);
  if (electronPlatformName === 'darwin') return path.join(appOutDir, `${packager.appInfo.productFilename}.app`);
  return path.join(appOutDir, packager.executableName ?? packager.appInfo.productFilename);
}

/** electron-builder's afterPack hook: flips the fuses before the installer is made. */
export async function applyFuses(context: AfterPackContext): Promise<void> {
  await flipFuses(packagedExecutable(context), FUSE_CONFIG);
}
