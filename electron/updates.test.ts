import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { createUpdateController, errorCode, UPDATE_CHECK_INTERVAL_MS, type UpdaterLike } from './updates';

/** electron-updater's autoUpdater as the controller sees it; each check answers what the test says. */
class FakeUpdater extends EventEmitter implements UpdaterLike {
  autoDownload = false;
  autoInstallOnAppQuit = false;
  disableDifferentialDownload = false;
  feeds: string[] = [];
  checks = 0;
  installed: Array<[boolean | undefined, boolean | undefined]> = [];
  /** What the next check does: emit events, or throw. */
  next: (u: FakeUpdater) => void = (u) => void u.emit('update-not-available', {});

  setFeedURL(options: { provider: 'generic'; url: string }) {
    this.feeds.push(options.url);
  }
  async checkForUpdates() {
    this.checks++;
    this.emit('checking-for-update');
    this.next(this);
    return null;
  }
  quitAndInstall(isSilent?: boolean, isForceRunAfter?: boolean) {
    this.installed.push([isSilent, isForceRunAfter]);
  }
}

function setup(serverUrl = 'https://otklik.region.ru') {
  const updater = new FakeUpdater();
  let url = serverUrl;
  const timers: Array<{ fn: () => void; ms: number }> = [];
  const log = vi.fn();
  const controller = createUpdateController({
    updater,
    currentVersion: '0.1.0',
    getServerUrl: () => url,
    now: () => new Date('2026-03-02T09:00:00.000Z'),
    setInterval: (fn, ms) => timers.push({ fn, ms }),
    clearInterval: () => void timers.splice(0),
    log,
  });
  return { updater, controller, timers, log, setUrl: (next: string) => void (url = next) };
}

const flush = () => new Promise((resolve) => setImmediate(resolve));

describe('the workstation updater', () => {
  it('checks the regional server feed at start and every few hours, downloading in the background', async () => {
    const { updater, controller, timers } = setup();
    controller.start();
    await flush();
    expect(updater.feeds).toEqual(['https://otklik.region.ru/api/v1/updates/']);
    expect(updater.autoDownload).toBe(true);
    expect(updater.checks).toBe(1);
    expect(timers).toHaveLength(1);
    expect(timers[0]!.ms).toBe(UPDATE_CHECK_INTERVAL_MS);
    expect(UPDATE_CHECK_INTERVAL_MS).toBeLessThanOrEqual(6 * 60 * 60 * 1000);
    expect(controller.status()).toEqual({ state: 'idle', current: '0.1.0', checkedAt: '2026-03-02T09:00:00.000Z' });

    timers[0]!.fn();
    await flush();
    expect(updater.checks).toBe(2);
  });

  it('reports the download and then offers the downloaded version; install restarts into it', async () => {
    const { updater, controller } = setup();
    updater.next = (u) => {
      u.emit('update-available', { version: '0.2.0' });
      u.emit('download-progress', { percent: 41.6 });
    };
    controller.start();
    await flush();
    expect(controller.status()).toEqual({ state: 'downloading', current: '0.1.0', version: '0.2.0', percent: 42 });
    expect(controller.install()).toBe(false);
    expect(updater.installed).toEqual([]);

    updater.emit('update-downloaded', { version: '0.2.0' });
    expect(controller.status()).toEqual({ state: 'ready', current: '0.1.0', version: '0.2.0' });
    // A periodic check meanwhile neither downloads again nor loses the ready update.
    await controller.check();
    expect(updater.checks).toBe(1);
    expect(controller.install()).toBe(true);
    expect(updater.installed).toEqual([[false, true]]);
  });

  it('treats a server without a release as "no update", and a broken download as an error to show', async () => {
    const { updater, controller, log } = setup();
    updater.next = () => {
      throw Object.assign(new Error('Cannot find channel "latest-linux.yml"'), { code: 'ERR_UPDATER_CHANNEL_FILE_NOT_FOUND' });
    };
    await controller.check();
    expect(controller.status()).toEqual({ state: 'idle', current: '0.1.0', checkedAt: '2026-03-02T09:00:00.000Z' });
    expect(log).not.toHaveBeenCalled();

    updater.next = (u) => {
      u.emit('update-available', { version: '0.2.0' });
      u.emit('error', Object.assign(new Error('sha512 checksum mismatch'), { code: 'ERR_CHECKSUM_MISMATCH' }));
    };
    await controller.check();
    expect(controller.status()).toMatchObject({ state: 'error', code: 'checksum' });
    expect(controller.install()).toBe(false);

    // The next check tries again.
    updater.next = (u) => void u.emit('update-not-available', {});
    await controller.check();
    expect(controller.status().state).toBe('idle');
  });

  it('follows the server the clerk switched to', async () => {
    const { updater, controller, setUrl } = setup();
    controller.start();
    await flush();
    setUrl('https://otklik2.region.ru/');
    controller.serverUrlChanged();
    await flush();
    expect(updater.feeds).toEqual(['https://otklik.region.ru/api/v1/updates/', 'https://otklik2.region.ru/api/v1/updates/']);
    expect(updater.checks).toBe(2);
    controller.serverUrlChanged(); // same address: nothing to do
    expect(updater.checks).toBe(2);
  });

  it('stops checking when stopped', () => {
    const { controller, timers } = setup();
    controller.start();
    controller.stop();
    expect(timers).toEqual([]);
  });
});

describe('update error codes', () => {
  it('words network failures, checksum failures and the rest apart', () => {
    expect(errorCode(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }))).toBe('unreachable');
    expect(errorCode(new Error('net::ERR_INTERNET_DISCONNECTED'))).toBe('unreachable');
    expect(errorCode(Object.assign(new Error('x'), { code: 'ERR_CHECKSUM_MISMATCH' }))).toBe('checksum');
    expect(errorCode(new Error('EACCES: permission denied'))).toBe('failed');
    expect(errorCode(Object.assign(new Error('x'), { code: 'ERR_UPDATER_CHANNEL_FILE_NOT_FOUND' }))).toBeNull();
  });
});
