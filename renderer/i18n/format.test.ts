import { describe, expect, it } from 'vitest';
import { formatDateTime, formatShort } from './format';
import { errorMessage, t } from './index';
import { ERROR_CODES } from '../../shared/protocol';
import { APPEAL_STATUSES, CATEGORIES, SOURCES } from '../../shared/domain';

describe('Russian texts', () => {
  it('shows instants in Moscow time whatever the PC zone is', () => {
    expect(formatDateTime('2025-03-05T11:30:00.000Z')).toBe('5 марта 2025, 14:30');
    expect(formatShort('2025-12-31T21:05:00.000Z')).toBe('1 янв., 00:05');
    expect(formatDateTime(null)).toBe('');
  });

  it('gives the same texts when asked again (they are kept): names and counts each in their place', () => {
    for (let round = 0; round < 2; round++) {
      expect(t('appeal.heading', { author: 'Бэла Тхагапсова' })).toBe('Обращение от Бэла Тхагапсова');
      expect(t('appeal.heading', { author: 'Заур Хачемизов' })).toBe('Обращение от Заур Хачемизов');
      expect(t('header.pending', { count: 1 })).toBe('Не отправлено: 1');
      expect(t('header.pending', { count: 12 })).toBe('Не отправлено: 12');
    }
    // A date is not a plain value: formatted afresh each time rather than kept.
    expect(t('appeal.heading', { author: new Date(0) as unknown as string })).toContain('Обращение от');
  });

  it('has a Russian message for every protocol error code', () => {
    for (const code of ERROR_CODES) expect(errorMessage(code)).not.toBe(t('errors.unknown'));
    expect(errorMessage('invalid_credentials')).toBe('Неверный логин или пароль');
    expect(errorMessage('stale_version')).toBe('Обращение уже изменил другой сотрудник. Показано текущее состояние.');
    expect(errorMessage('something_new')).toBe(t('errors.unknown'));
  });

  it('names every status, category and source in Russian', () => {
    for (const s of APPEAL_STATUSES) expect(t(`statuses.${s}`)).not.toContain('statuses.');
    for (const c of CATEGORIES) expect(t(`categories.${c}`)).not.toContain('categories.');
    for (const s of SOURCES) expect(t(`sources.${s}`)).not.toContain('sources.');
    expect(t('categories.dumps')).toBe('Свалки и мусор');
    expect(t('sources.pos')).toBe('ПОС Госуслуг');
    expect(t('statuses.in_progress')).toBe('В работе');
  });
});
