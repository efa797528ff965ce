import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findElectronBinary } from './electron-binary';

let tmp: string;
beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'otklik-electron-bin-'));
});
afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

function writeBinary(file: string, mode = 0o755) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, '#!/bin/sh\n');
  fs.chmodSync(file, mode);
}

describe('findElectronBinary', () => {
  it('uses the binary inside ELECTRON_OVERRIDE_DIST_PATH', () => {
    writeBinary(path.join(tmp, 'dist', 'electron'));
    expect(findElectronBinary({ env: { ELECTRON_OVERRIDE_DIST_PATH: path.join(tmp, 'dist') }, platform: 'linux', packageDir: null })).toEqual({
      path: path.join(tmp, 'dist', 'electron'),
    });
  });

  it('reports an override folder without a binary', () => {
    const found = findElectronBinary({ env: { ELECTRON_OVERRIDE_DIST_PATH: tmp }, platform: 'linux', packageDir: null });
    expect(found).toEqual({ missing: expect.stringContaining('ELECTRON_OVERRIDE_DIST_PATH') });
  });

  it('reports a file that is not executable', () => {
    writeBinary(path.join(tmp, 'electron'), 0o644);
    const found = findElectronBinary({ env: { ELECTRON_OVERRIDE_DIST_PATH: tmp }, platform: 'linux', packageDir: null });
    // Windows has no execute bit: there any existing file counts.
    if (process.platform === 'win32') expect(found).toEqual({ path: path.join(tmp, 'electron') });
    else expect(found).toEqual({ missing: expect.stringContaining('not executable') });
  });

  it('uses the downloaded binary of the electron package (path.txt names it)', () => {
    fs.writeFileSync(path.join(tmp, 'path.txt'), 'electron');
    writeBinary(path.join(tmp, 'dist', 'electron'));
    expect(findElectronBinary({ env: {}, platform: 'linux', packageDir: tmp })).toEqual({ path: path.join(tmp, 'dist', 'electron') });
  });

  it('says why when the package never downloaded its binary', () => {
    expect(findElectronBinary({ env: {}, platform: 'linux', packageDir: tmp })).toEqual({
      missing: expect.stringContaining('no downloaded binary'),
    });
    fs.writeFileSync(path.join(tmp, 'path.txt'), 'electron');
    expect(findElectronBinary({ env: {}, platform: 'linux', packageDir: tmp })).toEqual({
      missing: expect.stringContaining('does not exist'),
    });
    expect(findElectronBinary({ env: {}, platform: 'linux', packageDir: null })).toEqual({
      missing: 'the electron npm package is not installed',
    });
  });

  it('answers for this machine from the installed package, without trying to download anything', () => {
    const found = findElectronBinary({ env: {} });
    if ('path' in found) expect(fs.existsSync(found.path)).toBe(true);
    else expect(found.missing).toMatch(/electron/);
  });
});
