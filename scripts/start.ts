/**
 * `npm start`: the regional server on its embedded database, seeded with demo data the first
 * time, and the workstation — in Electron where a binary exists, otherwise in the browser at the
 * address printed below. It does the best this machine allows and says which it did.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, statSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { findElectronBinary } from './electron-binary';

const root = join(import.meta.dirname, '..');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

function run(command: string, args: string[]): void {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed`);
}

// The renderer is built once and rebuilt only when its sources (or shared/) are newer than the build.
const built = join(root, 'dist/renderer/index.html');
const sourcesChanged = !existsSync(built) || Math.max(newestMtime(join(root, 'renderer')), newestMtime(join(root, 'shared'))) > statSync(built).mtimeMs;
if (sourcesChanged) {
  console.log('otklik: building the workstation (vite build)…');
  run('npx', ['vite', 'build', '--logLevel', 'warn']);
}

const server = spawn(process.execPath, ['--import', 'tsx', join(root, 'server/main.ts')], {
  cwd: root,
  stdio: ['ignore', 'pipe', 'inherit'],
  // The demo shows approval (согласование): operator2's replies in Тахтамукайский район wait for the curator.
  // Its Telegram bot and VK community talk to loopback emulators: «Демо: написать как житель».
  env: { OTKLIK_APPROVAL: 'takhtamukaysky:*', OTKLIK_DEMO_CHANNELS: '1', ...process.env },
});
const port = process.env.PORT ?? '8787';
const url = `http://127.0.0.1:${port}`;

let workstationStarted = false;
server.stdout.on('data', (chunk: Buffer) => {
  process.stdout.write(chunk);
  if (!workstationStarted && chunk.toString().includes('listening')) {
    workstationStarted = true;
    startWorkstation();
  }
});
server.on('exit', (code) => {
  console.error(`otklik: the server stopped (exit code ${code ?? 'signal'}).`);
  process.exit(code ?? 1);
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => server.kill(signal));
}

function startWorkstation(): void {
  const electron = findElectronBinary();
  if ('missing' in electron) {
    console.log(
      [
        '',
        `otklik: no Electron binary on this machine (${electron.missing}).`,
        `otklik: the workstation runs in the browser instead: open ${url}`,
        'otklik: (set ELECTRON_OVERRIDE_DIST_PATH, or install the electron package with internet access, for the desktop app)',
        'otklik: press Ctrl+C to stop.',
      ].join('\n'),
    );
    return;
  }
  run('npx', ['tsx', 'scripts/build-electron.ts']);
  console.log(`otklik: starting the desktop workstation (${electron.path}) against ${url}`);
  // Chromium refuses to run its sandbox as root; an operator starting it as root gets a working app.
  const sandboxArgs = process.getuid?.() === 0 ? ['--no-sandbox'] : [];
  const app = spawn(electron.path, [...sandboxArgs, join(root, 'dist/electron/main.cjs')], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, OTKLIK_SERVER_URL: url },
  });
  app.on('exit', () => {
    console.log(`otklik: the desktop app closed; the server keeps running at ${url} (Ctrl+C to stop).`);
  });
}
