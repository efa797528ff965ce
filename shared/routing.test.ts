import { describe, expect, it } from 'vitest';
import type { Municipality } from './domain';
import { normalizeSettlement, routeMunicipality } from './routing';

const municipalities: Municipality[] = [
  { id: 'maykop', name: 'Майкоп', kind: 'city', settlements: ['Майкоп', 'Ханская', 'Гавердовский'] },
  { id: 'maykopsky', name: 'Майкопский район', kind: 'district', settlements: ['Тульский', 'Каменномостский', 'Победа'] },
  { id: 'takhtamukaysky', name: 'Тахтамукайский район', kind: 'district', settlements: ['Яблоновский', 'Тахтамукай', 'Новая Адыгея'] },
  { id: 'giaginsky', name: 'Гиагинский район', kind: 'district', settlements: ['Гиагинская', 'Дондуковская'] },
  { id: 'krasnogvardeysky', name: 'Красногвардейский район', kind: 'district', settlements: ['Красногвардейское', 'Хатукай', 'Садовое'] },
];

describe('routeMunicipality', () => {
  it.each([
    ['Майкоп', 'maykop'],
    ['г. Майкоп', 'maykop'],
    ['г Майкоп', 'maykop'],
    ['ст-ца Ханская', 'maykop'],
    ['пос. Тульский', 'maykopsky'],
    ['п.Тульский', 'maykopsky'],
    ['пгт Яблоновский', 'takhtamukaysky'],
    ['аул Тахтамукай', 'takhtamukaysky'],
    ['а. Тахтамукай', 'takhtamukaysky'],
    ['ТАХТАМУКАЙ', 'takhtamukaysky'],
    ['ст. Гиагинская', 'giaginsky'],
    ['станица Дондуковская', 'giaginsky'],
    ['х. Победа', 'maykopsky'],
    ['с. Садовое', 'krasnogvardeysky'],
    ['село Красногвардейское', 'krasnogvardeysky'],
    ['аул Новая Адыгея', 'takhtamukaysky'],
    ['  Хатукай  ', 'krasnogvardeysky'],
  ])('routes «%s» to %s', (settlement, id) => {
    expect(routeMunicipality(settlement, municipalities)).toBe(id);
  });

  it('matches a municipality by its own name', () => {
    expect(routeMunicipality('Гиагинский район', municipalities)).toBe('giaginsky');
    expect(routeMunicipality('Гиагинский р-н', municipalities)).toBe('giaginsky');
  });

  it('reads a full address from the settlement outwards', () => {
    expect(routeMunicipality('Республика Адыгея, Майкопский район, пос. Каменномостский', municipalities)).toBe('maykopsky');
    // An unknown hamlet still lands in its district.
    expect(routeMunicipality('Республика Адыгея, Гиагинский р-н, х. Неизвестный', municipalities)).toBe('giaginsky');
  });

  it('returns null when nothing matches', () => {
    expect(routeMunicipality(undefined, municipalities)).toBeNull();
    expect(routeMunicipality('', municipalities)).toBeNull();
    expect(routeMunicipality('г. Краснодар', municipalities)).toBeNull();
    expect(routeMunicipality('Тульский', [])).toBeNull();
  });

  it('does not confuse a district with its centre city', () => {
    expect(routeMunicipality('Майкопский', municipalities)).toBe('maykopsky');
    expect(routeMunicipality('Майкоп', municipalities)).toBe('maykop');
  });
});

describe('normalizeSettlement', () => {
  it('drops the type word, case and ё', () => {
    expect(normalizeSettlement('пос. Садовый')).toBe('садовый');
    expect(normalizeSettlement('х. Серёгин')).toBe('серегин');
    expect(normalizeSettlement('Новая Адыгея')).toBe('новая адыгея');
  });
});
