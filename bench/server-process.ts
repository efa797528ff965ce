/**
 * The regional server for a benchmark: its own process on loopback, on a copy of a seeded PGlite
 * folder (see seed-cache.ts) or on the PostgreSQL database given; stopped (and its copy removed)
 * when asked.
 */
import { rmSync } from 'node:fs';
import type { ChildProcess } from 'node:child_process';
import { seededPgliteCopy } from './seed-cache';
import { loginAs } from './http';
import { spawnServer } from './spawn-server';

export interface BenchServer {
  url: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

export interface BenchServerOptions {
  port: number;
  /** Demo appeals in the seeded PGlite copy (ignored with databaseUrl: that database is used as it is). */
  appeals: number;
  /** PostgreSQL instead of PGlite. */
  databaseUrl?: string;
  env?: Record<string, string>;
  nodeArgs?: string[];
}

export async function startBenchServer(options: BenchServerOptions): Promise<BenchServer> {
  const dataDir = options.databaseUrl ? null : await seededPgliteCopy(options.appeals);
  const env: Record<string, string> = options.databaseUrl
    ? { DATABASE_URL: options.databaseUrl, OTKLIK_SEED: '0' }
    : { DATABASE_URL: '', OTKLIK_DATA_DIR: dataDir!, OTKLIK_SEED: '0' };
  try {
    // OTKLIK_BENCH_PROFILE=DIR: every benchmark server writes a CPU profile there when it stops
    // (read it with bench/profile-summary.ts).
    const profile = process.env.OTKLIK_BENCH_PROFILE;
    const nodeArgs = [...(options.nodeArgs ?? []), ...(profile ? ['--cpu-prof', `--cpu-prof-dir=${profile}`] : [])];
    const server = await spawnServer({ port: options.port, env: { ...env, ...options.env }, nodeArgs });
    return {
      url: server.url,
      process: server.process,
      async stop() {
        await server.stop();
        if (dataDir) rmSync(dataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
}

export async function loginToken(url: string, username: string): Promise<string> {
  return (await loginAs(url, username)).accessToken;
}
