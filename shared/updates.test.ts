import { describe, expect, it } from 'vitest';
import { updateFeedUrl, updateOffer, type UpdateStatus } from './updates';

const ready: UpdateStatus = { state: 'ready', current: '0.1.0', version: '0.2.0' };

describe('the update offer', () => {
  it('offers a plain restart when nothing waits in the outbox', () => {
    expect(updateOffer(ready, 0)).toEqual({ kind: 'restart', version: '0.2.0' });
  });

  it('says how many unsent changes are kept when the outbox is not empty', () => {
    expect(updateOffer(ready, 3)).toEqual({ kind: 'restart-keeping', version: '0.2.0', pending: 3 });
  });

  it('offers nothing before the download is complete, on errors, or in browser mode', () => {
    const others: UpdateStatus[] = [
      { state: 'not-applicable' },
      { state: 'idle', current: '0.1.0', checkedAt: null },
      { state: 'checking', current: '0.1.0' },
      { state: 'downloading', current: '0.1.0', version: '0.2.0', percent: 40 },
      { state: 'error', current: '0.1.0', code: 'checksum', checkedAt: '2026-01-01T00:00:00.000Z' },
    ];
    for (const status of others) expect(updateOffer(status, 0)).toEqual({ kind: 'none' });
  });
});

describe('the update feed address', () => {
  it('is the server address plus the updates path, whatever trailing slashes it had', () => {
    expect(updateFeedUrl('https://otklik.region.ru')).toBe('https://otklik.region.ru/api/v1/updates/');
    expect(updateFeedUrl('https://otklik.region.ru/')).toBe('https://otklik.region.ru/api/v1/updates/');
  });
});
