/**
 * `npm run package [-- --linux | --win | --dir]`: the installers from build/electron-builder.yml —
 * Linux deb and AppImage, Windows nsis — with the icons rendered from build/icon.svg and the
 * fuses of scripts/fuses.ts flipped in the packaged executable. Without an Electron binary for
 * this machine it stops at once with one sentence saying what is missing.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { findElectronBinary } from './electron-binary';
import { applyFuses } from './fuses';
import { renderIcons } from './icons';

const root = path.join(import.meta.dirname, '..');

export type PackagePlatform = 'linux' | 'win';

/** The platforms asked for on the command line; none: this machine's own. */
export function requestedPlatforms(args: string[], host: NodeJS.Platform = process.platform): PackagePlatform[] {
  const asked = (['linux', 'win'] as const).filter((p) => args.includes(`--${p}`));
  if (asked.length > 0) return asked;
  return [host === 'win32' ? 'win' : 'linux'];
}

/** The one sentence printed when there is nothing to package with. */
export function missingBinaryMessage(missing: string, electronVersion: string): string {
  return (
    `otklik: cannot package the workstation because no Electron ${electronVersion} binary is available here (${missing}); ` +
    'point ELECTRON_OVERRIDE_DIST_PATH at an unpacked Electron folder or install the electron package where its download works, then run npm run package again.'
  );
}

function electronVersion(): string {
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> };
  return pkg.devDependencies.electron ?? 'unknown';
}

export interface BuilderRun {
  projectDir: string;
  platforms: PackagePlatform[];
  /** Only the unpacked app (release/<platform>-unpacked), no installer. */
  dirOnly: boolean;
  electronVersion: string;
  /** An unpacked Electron of this OS; null lets electron-builder download one. */
  electronDist: string | null;
}

/** electron-builder over build/electron-builder.yml, with the fuses hook; returns the artifacts. */
export async function runElectronBuilder(run: BuilderRun): Promise<string[]> {
  const { build, Platform } = await import('electron-builder');
  const targets = new Map();
  for (const platform of run.platforms) {
    const target = platform === 'win' ? Platform.WINDOWS : Platform.LINUX;
    for (const [key, value] of target.createTarget(run.dirOnly ? 'dir' : null)) targets.set(key, value);
  }
  return build({
    projectDir: run.projectDir,
    targets,
    publish: 'never',
    config: {
      extends: 'build/electron-builder.yml',
      electronVersion: run.electronVersion,
      ...(run.electronDist ? { electronDist: run.electronDist } : {}),
      afterPack: applyFuses,
    },
  });
}

async function main(args: string[]): Promise<number> {
  const version = electronVersion();
  const binary = findElectronBinary();
  if ('missing' in binary) {
    console.error(missingBinaryMessage(binary.missing, version));
    return 1;
  }
  const platforms = requestedPlatforms(args);
  const hostPlatform: PackagePlatform = process.platform === 'win32' ? 'win' : 'linux';

  console.log('otklik: building the renderer and the Electron bundles (npm run build)…');
  const built = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  if (built.status !== 0) return built.status ?? 1;

  console.log('otklik: rendering the icons from build/icon.svg…');
  await renderIcons(path.join(root, 'build', 'icon.svg'), path.join(root, 'build'));

  const artifacts = await runElectronBuilder({
    projectDir: root,
    platforms,
    dirOnly: args.includes('--dir'),
    electronVersion: version,
    // The binary found above, so nothing is downloaded; another OS's installer needs that OS's
    // Electron, which electron-builder downloads (network needed).
    electronDist: platforms.every((p) => p === hostPlatform) ? path.dirname(binary.path) : null,
  });
  console.log(`otklik: packaged:\n  ${artifacts.join('\n  ')}`);
  return 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === import.meta.filename) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      // electron-builder's own errors are already sentences; no stack for the person packaging.
      console.error(`otklik: packaging failed: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    },
  );
}
