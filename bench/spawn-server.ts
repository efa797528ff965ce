/** Runs `server/main.ts` as a child process on loopback and waits until it answers. */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

export interface ServerProcess {
  url: string;
  process: ChildProcess;
  /** Everything the server printed so far (for error messages). */
  log(): string;
  /** SIGTERM, then waits for the exit (the server closes its database cleanly). */
  stop(): Promise<void>;
}

const ROOT = join(import.meta.dirname, '..');

export async function spawnServer(options: { port: number; env: Record<string, string>; nodeArgs?: string[] }): Promise<ServerProcess> {
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), '--import', 'tsx', join(ROOT, 'server/main.ts')], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      PORT: String(options.port),
      OTKLIK_HOST: '127.0.0.1',
      OTKLIK_LOGIN_RATE_LIMIT: '100000',
      OTKLIK_INTEGRATION_TOKEN: 'bench-integration-token',
      ...options.env,
    },
  });
  let log = '';
  child.stdout!.on('data', (c: Buffer) => (log += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (log += c.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${options.port}`;
  const deadline = Date.now() + 600_000;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`server exited:\n${log}`);
    try {
      if ((await fetch(`${url}/api/v1/health`)).ok) break;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server did not start:\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    url,
    process: child,
    log: () => log,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
