import { describe, expect, it } from 'vitest';
import { matchesQuery, queryStems, replySearchTokens, searchTokens } from './tokens';

const appeal = (text: string, extra: Partial<{ author: { name: string }; settlement: string | null; address: string | null }> = {}) => ({
  text,
  author: extra.author ?? { name: 'Заур Хачемизов' },
  settlement: extra.settlement ?? 'Майкоп',
  address: extra.address ?? 'ул. Гагарина, д. 12',
});

describe('search tokens', () => {
  it('finds every form of a word by one stem', () => {
    const stored = searchTokens(appeal('Разбита дорога у школы, на дороге ямы'));
    for (const form of ['дорога', 'дороги', 'дорогу', 'дорогой', 'Дорогах']) {
      expect(stored, form).toContain(queryStems(form)[0]);
    }
    expect(stored).toContain(queryStems('яма')[0]);
  });

  it('covers the author, the settlement and the address', () => {
    const stored = searchTokens(appeal('Нет света', { author: { name: 'Бэла Тхагапсова' }, settlement: 'Яблоновский', address: 'ул. Гагарина, д. 12' }));
    expect(matchesQuery(stored, queryStems('Тхагапсовой Яблоновском Гагарина 12'))).toBe(true);
    expect(matchesQuery(stored, queryStems('Тхагапсова Мира'))).toBe(false);
  });

  it('treats ё as е and ignores case and punctuation', () => {
    expect(matchesQuery(searchTokens(appeal('ЁЛКА во дворе!')), queryStems('елки'))).toBe(true);
    expect(matchesQuery(searchTokens(appeal('Нет света', { author: { name: 'Заур Хачемизов' } })), queryStems('хачемизова'))).toBe(false);
    expect(matchesQuery(searchTokens(appeal('Нет света', { author: { name: 'Заур Хачемизов' } })), queryStems('Хачемизов'))).toBe(true);
  });

  it('leaves out prepositions and greetings', () => {
    const stored = searchTokens(appeal('Здравствуйте! Прошу вас помочь с водой на ул. Мира'));
    expect(stored).not.toContain('на');
    expect(stored).not.toContain(queryStems('здравствуйте')[0]);
  });

  it('stems replies too', () => {
    expect(replySearchTokens({ body: 'Бригада заменит трубы водопровода' })).toContain(queryStems('водопроводом')[0]);
  });
});
