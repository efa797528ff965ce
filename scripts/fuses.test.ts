import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { afterAll, describe, expect, it } from 'vitest';
import { applyFuses, FUSE_CONFIG, packagedExecutable, type AfterPackContext } from './fuses';

/**
 * A stand-in executable carrying a fuse wire the way Electron's binary does: the sentinel, the
 * wire version, its length, then one byte per fuse ('1' on, '0' off) — here Electron's defaults,
 * all on except the asar ones, for a wire of 9 fuses like Electron 45's.
 */
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
/** A fuse's byte: ASCII '1' when on, '0' when off. */
const FuseState = { ENABLE: '1'.charCodeAt(0), DISABLE: '0'.charCodeAt(0) } as const;
function fakeElectron(file: string): void {
  const wire = Buffer.from('111100111', 'latin1');
  fs.writeFileSync(
    file,
    Buffer.concat([Buffer.from('\x7fELF...code...'), Buffer.from(SENTINEL), Buffer.from([1, wire.length]), wire, Buffer.from('...more code')]),
  );
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'otklik-fuses-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const context = (platform: string): AfterPackContext => ({
  appOutDir: tmp,
  electronPlatformName: platform,
  packager: { executableName: 'otklik', appInfo: { productFilename: 'Otklik' } },
});

describe('Electron fuses applied at packaging', () => {
  it('turn off running as Node, NODE_OPTIONS and --inspect; turn on asar-only loading, its integrity check and cookie encryption', () => {
    expect(FUSE_CONFIG).toMatchObject({
      [FuseV1Options.RunAsNode]: false,
      [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
      [FuseV1Options.EnableNodeCliInspectArguments]: false,
      [FuseV1Options.OnlyLoadAppFromAsar]: true,
      [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
      [FuseV1Options.EnableCookieEncryption]: true,
    });
  });

  it('the afterPack hook writes exactly that configuration into the packaged executable', async () => {
    const exe = packagedExecutable(context('linux'));
    expect(exe).toBe(path.join(tmp, 'otklik'));
    fakeElectron(exe);
    await applyFuses(context('linux'));
    const wire = await getCurrentFuseWire(exe);
    const on = (option: FuseV1Options) => wire[option] === FuseState.ENABLE;
    const off = (option: FuseV1Options) => wire[option] === FuseState.DISABLE;
    expect(off(FuseV1Options.RunAsNode)).toBe(true);
    expect(off(FuseV1Options.EnableNodeOptionsEnvironmentVariable)).toBe(true);
    expect(off(FuseV1Options.EnableNodeCliInspectArguments)).toBe(true);
    expect(on(FuseV1Options.OnlyLoadAppFromAsar)).toBe(true);
    expect(on(FuseV1Options.EnableEmbeddedAsarIntegrityValidation)).toBe(true);
    expect(on(FuseV1Options.EnableCookieEncryption)).toBe(true);
    expect(off(FuseV1Options.GrantFileProtocolExtraPrivileges)).toBe(true);
    // A fuse this config does not name keeps Electron's own setting.
    expect((wire as Record<number, number>)[8]).toBe(FuseState.ENABLE);
    // Nothing but the wire changed.
    expect(fs.readFileSync(exe).subarray(-12).toString()).toBe('...more code');
  });

  it('finds the Windows executable by the product name', () => {
    expect(packagedExecutable(context('win32'))).toBe(path.join(tmp, 'Otklik.exe'));
  });
});
