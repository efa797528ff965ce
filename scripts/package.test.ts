import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { listPackage } from '@electron/asar';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { afterAll, describe, expect, it } from 'vitest';
import { missingBinaryMessage, requestedPlatforms, runElectronBuilder } from './package';

const root = path.join(import.meta.dirname, '..');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'otklik-package-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('npm run package without an Electron binary', () => {
  it('stops with one sentence saying what is missing, before building anything', () => {
    const missingDir = path.join(tmp, 'no-electron-here');
    const result = spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'scripts', 'package.ts')], {
      cwd: root,
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '', ELECTRON_OVERRIDE_DIST_PATH: missingDir },
      timeout: 60_000,
    });
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('cannot package the workstation because no Electron 45.5.0 binary is available here');
    expect(lines[0]).toContain(missingDir);
    expect(lines[0]).toContain('ELECTRON_OVERRIDE_DIST_PATH');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('words the sentence for the person packaging', () => {
    expect(missingBinaryMessage('x (from y) does not exist', '45.5.0')).toMatch(/^otklik: cannot package .*npm run package again\.$/);
  });
});

describe('the platforms packaged', () => {
  it('are this machine’s unless named', () => {
    expect(requestedPlatforms([], 'linux')).toEqual(['linux']);
    expect(requestedPlatforms([], 'win32')).toEqual(['win']);
    expect(requestedPlatforms(['--win'], 'linux')).toEqual(['win']);
    expect(requestedPlatforms(['--linux', '--win'], 'linux')).toEqual(['linux', 'win']);
  });
});

/**
 * electron-builder run for real on build/electron-builder.yml, with a stand-in Electron folder
 * (an executable carrying Electron's fuse wire): what an unpacked Linux app looks like after
 * `npm run package -- --dir`, minus a runnable binary.
 */
describe('electron-builder with the project configuration', () => {
  it('packs dist/ alone into app.asar, writes the updater config and flips the fuses', async () => {
    const project = path.join(tmp, 'project');
    fs.mkdirSync(path.join(project, 'build'), { recursive: true });
    fs.copyFileSync(path.join(root, 'build', 'electron-builder.yml'), path.join(project, 'build', 'electron-builder.yml'));
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as Record<string, unknown>;
    fs.writeFileSync(
      path.join(project, 'package.json'),
      JSON.stringify({ name: pkg.name, version: pkg.version, description: pkg.description, main: pkg.main, author: 'Otklik' }),
    );
    fs.mkdirSync(path.join(project, 'dist', 'electron'), { recursive: true });
    fs.writeFileSync(path.join(project, 'dist', 'electron', 'main.cjs'), '// main');
    fs.writeFileSync(path.join(project, 'dist', 'electron', 'main.cjs.map'), '{}');
    fs.mkdirSync(path.join(project, 'dist', 'renderer'));
    fs.writeFileSync(path.join(project, 'dist', 'renderer', 'index.html'), '<!doctype html>');

    const electronDist = path.join(tmp, 'electron-dist');
    fs.mkdirSync(electronDist);
    const wire = Buffer.from('111100111', 'latin1');
    fs.writeFileSync(
      path.join(electronDist, 'electron'),
      Buffer.concat([Buffer.from('ELF'), Buffer.from('dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX'), Buffer.from([1, wire.length]), wire]),
      { mode: 0o755 },
    );
    fs.writeFileSync(path.join(electronDist, 'version'), '45.5.0');

    await runElectronBuilder({ projectDir: project, platforms: ['linux'], dirOnly: true, electronVersion: '45.5.0', electronDist });

    const app = path.join(project, 'release', 'linux-unpacked');
    const files = listPackage(path.join(app, 'resources', 'app.asar'), { isPack: false });
    expect(files).toEqual(expect.arrayContaining(['/dist/electron/main.cjs', '/dist/renderer/index.html', '/package.json']));
    expect(files.some((f) => f.startsWith('/node_modules'))).toBe(false);
    expect(files).not.toContain('/dist/electron/main.cjs.map');
    expect(fs.readFileSync(path.join(app, 'resources', 'app-update.yml'), 'utf8')).toMatch(/provider: generic/);

    const fuses = await getCurrentFuseWire(path.join(app, 'otklik'));
    expect(fuses[FuseV1Options.RunAsNode]).toBe(48); // '0'
    expect(fuses[FuseV1Options.OnlyLoadAppFromAsar]).toBe(49); // '1'
  }, 180_000);
});
