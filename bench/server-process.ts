/**
 * The regional server for a benchmark: its own process on loopback, on a copy of a seeded PGlite
 * folder (see seed-cache.ts) or on the PostgreSQL database given; stopped (and its copy removed)
 * when asked.
 */
import { rmSync } from 'node:fs';
import type { ChildProcess } from 'node:child_process';
import { seededPgliteCopy } from './seed-cache';
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
    const server = await spawnServer({ port: options.port, env: { ...env, ...options.env }, nodeArgs: options.nodeArgs });
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
  return (await login(url, username)).accessToken;
}

export async function login(url: string, username: string): Promise<{ accessToken: string; refreshToken: string; user: { id: string; municipalityId: string | null } }> {
  const response = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'demo' }),
  });
  if (!response.ok) throw new Error(`login ${username}: ${response.status} ${await response.text()}`);
  return (await response.json()) as { accessToken: string; refreshToken: string; user: { id: string; municipalityId: string | null } };
}
