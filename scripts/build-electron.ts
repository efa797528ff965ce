/**
 * Bundles the Electron main process and preload into dist/electron/*.cjs. CommonJS because the
 * package is "type": "module" and a sandboxed preload must be a single CommonJS script; `electron`
 * stays external since Electron provides it at run time.
 */
import { build, type BuildOptions } from 'esbuild';
import { join, resolve } from 'node:path';

const root = join(import.meta.dirname, '..');

export async function buildElectron(outDir = join(root, 'dist/electron')): Promise<void> {
  const common: BuildOptions = {
    bundle: true,
    format: 'cjs',
    external: ['electron'],
    sourcemap: true,
    logLevel: 'warning',
    absWorkingDir: root,
  };
  await Promise.all([
    build({
      ...common,
      entryPoints: [join(root, 'electron/main.ts')],
      outfile: join(outDir, 'main.cjs'),
      platform: 'node',
      target: 'node20',
    }),
    // The preload runs sandboxed in the page's renderer process: a browser target, and no Node
    // built-ins may sneak in (the build fails instead of the window at run time).
    build({
      ...common,
      entryPoints: [join(root, 'electron/preload.ts')],
      outfile: join(outDir, 'preload.cjs'),
      platform: 'browser',
      target: 'chrome120',
    }),
  ]);
}

if (process.argv[1] && resolve(process.argv[1]) === import.meta.filename) {
  await buildElectron();
  console.log('otklik: built dist/electron/main.cjs and dist/electron/preload.cjs');
}
