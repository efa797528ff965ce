import { describe, expect, it } from 'vitest';
import { suggestLinks, suggestionReason, textSimilarity } from './problem-suggestions';

const appeal = (id: string, over: Partial<{ text: string; category: 'roads' | 'housing' | 'other'; settlement: string | null; address: string | null; receivedAt: string; problemId: string | null }> = {}) => ({
  id,
  text: 'На дороге большая яма, машины бьют колёса',
  category: 'roads' as const,
  settlement: 'г. Майкоп',
  address: null,
  receivedAt: '2026-12-01T10:00:00Z',
  problemId: null,
  ...over,
});

describe('suggesting appeals about the same problem', () => {
  it('the same settlement and sphere within two weeks is suggested; a month apart is not', () => {
    const a = appeal('a', { text: 'Яма на улице Пионерской возле школы' });
    expect(suggestionReason(a, appeal('b', { text: 'Разбит асфальт, невозможно проехать', settlement: 'Майкоп', receivedAt: '2026-12-10T08:00:00Z' }))).toMatchObject({ reason: 'settlement' });
    expect(suggestionReason(a, appeal('c', { text: 'Разбит асфальт, невозможно проехать', receivedAt: '2027-01-05T08:00:00Z' }))).toBeNull();
  });

  it('another sphere, another settlement, or two different addresses are not the same problem', () => {
    const a = appeal('a', { text: 'Яма на дороге', address: 'ул. Пионерская, 5' });
    expect(suggestionReason(a, appeal('b', { text: 'Течёт крыша', category: 'housing' }))).toBeNull();
    expect(suggestionReason(a, appeal('c', { text: 'Яма', settlement: 'ст-ца Гиагинская' }))).toBeNull();
    expect(suggestionReason(a, appeal('d', { text: 'Яма', address: 'ул. Ленина, 1' }))).toBeNull();
    expect(suggestionReason(a, appeal('e', { text: 'Яма у дома', address: 'ул Пионерская 5' }))).toMatchObject({ reason: 'address' });
  });

  it('a copied complaint is suggested wherever and whenever it came from; a similar topic in other words is not', () => {
    const a = appeal('a', { text: 'Просим отремонтировать водопровод на улице Шоссейной, третий день нет воды в домах!' });
    const copy = appeal('b', { text: 'просим отремонтировать водопровод на улице шоссейной третий день нет воды в домах', category: 'housing', settlement: null, receivedAt: '2027-03-01T00:00:00Z' });
    expect(suggestionReason(a, copy)).toMatchObject({ reason: 'text' });
    expect(textSimilarity(a.text, 'Нет воды на Шоссейной, когда починят трубу?')).toBeLessThan(0.8);
    expect(suggestionReason(a, appeal('c', { text: 'Нет воды на Шоссейной, когда починят трубу?', category: 'housing', settlement: 'Яблоновский' }))).toBeNull();
  });

  it('short texts do not match on text alone; the «other» sphere does not match on place alone', () => {
    expect(suggestionReason(appeal('a', { text: 'Яма!', category: 'other' }), appeal('b', { text: 'Яма', category: 'other', settlement: 'Яблоновский' }))).toBeNull();
    expect(suggestionReason(appeal('a', { category: 'other', text: 'Шумят соседи' }), appeal('b', { category: 'other', text: 'Лает собака' }))).toBeNull();
  });

  it('lists the best first (text, then address, then settlement), skips appeals already in the same problem, and says which problem to join', () => {
    const a = appeal('a', { text: 'Большая яма на дороге по улице Пионерской у школы', address: 'ул. Пионерская, 5', problemId: 'p-1' });
    const list = suggestLinks(a, [
      appeal('s', { text: 'Плохая дорога' }),
      appeal('t', { text: 'Большая яма на дороге по улице Пионерской у школы!!!', settlement: 'Яблоновский', problemId: 'p-2' }),
      appeal('u', { text: 'Яма', address: 'Пионерская 5' }),
      appeal('v', { text: 'Яма', address: 'ул. Пионерская, 5', problemId: 'p-1' }),
    ]);
    expect(list.map((s) => [s.appealId, s.reason, s.problemId])).toEqual([
      ['t', 'text', 'p-2'],
      ['u', 'address', null],
      ['s', 'settlement', null],
    ]);
  });
});
