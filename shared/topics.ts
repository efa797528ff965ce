import { tokenize } from './classify';

/**
 * Leading topics of appeals («единое пособие», «вывоз мусора»): a small list of phrases people use,
 * matched in an appeal's text. Like shared/classify.ts the phrases are word stems: a stem matches
 * every word that starts with it, a trailing '$' asks for the whole word, and a phrase of several
 * stems matches consecutive words. An appeal may touch several topics; each counts once.
 * The labels are the phrases the region's staff say, so they live here with the stems.
 */

export interface Topic {
  id: string;
  label: string;
  phrases: readonly string[];
}

export const TOPICS: readonly Topic[] = [
  { id: 'unified_benefit', label: 'Единое пособие', phrases: ['един пособи'] },
  { id: 'kindergarten', label: 'Очередь в детский сад', phrases: ['детск сад', 'детсад', 'садик', 'очеред в сад'] },
  { id: 'doctor_appointment', label: 'Запись к врачу', phrases: ['запис к$', 'записат к$', 'талон', 'регистратур'] },
  { id: 'drugs', label: 'Льготные лекарства', phrases: ['лекарств', 'инсулин', 'льготн препарат'] },
  { id: 'waste_pickup', label: 'Вывоз мусора', phrases: ['вывоз', 'мусоровоз', 'контейнер'] },
  { id: 'illegal_dumps', label: 'Стихийные свалки', phrases: ['свалк'] },
  { id: 'potholes', label: 'Ямы на дорогах', phrases: ['ямы$', 'ям$', 'ямочн', 'выбоин'] },
  { id: 'street_lighting', label: 'Уличное освещение', phrases: ['фонар', 'освещени'] },
  { id: 'heating', label: 'Отопление', phrases: ['отоплен', 'батаре'] },
  { id: 'water', label: 'Водоснабжение', phrases: ['горяч вод', 'холодн вод', 'водоканал', 'водоснабжен', 'напор', 'нет$ воды$'] },
  { id: 'bus_schedule', label: 'Расписание и рейсы автобусов', phrases: ['расписани', 'рейс', 'интервал'] },
  { id: 'teachers', label: 'Учителя', phrases: ['учител'] },
  { id: 'school_meals', label: 'Питание в школах', phrases: ['питани', 'столов'] },
  { id: 'svo', label: 'Поддержка участников СВО', phrases: ['сво$', 'участник сво$'] },
  { id: 'pension', label: 'Пенсии', phrases: ['пенси'] },
  { id: 'playgrounds', label: 'Детские площадки', phrases: ['детск площадк', 'качел'] },
  { id: 'stray_dogs', label: 'Бродячие собаки', phrases: ['собак'] },
  { id: 'gas', label: 'Газоснабжение', phrases: ['газ$', 'газа$', 'газопровод', 'газоснабжен'] },
  { id: 'power', label: 'Отключения электричества', phrases: ['свет$ отключ', 'отключа свет$', 'электричеств', 'электроснабжен'] },
  { id: 'grass', label: 'Покос травы', phrases: ['покос', 'бурьян', 'амбрози', 'трав$', 'траву$', 'травой$'] },
  { id: 'management_company', label: 'Управляющие компании', phrases: ['управляющ компан', 'ук$'] },
  { id: 'capital_repair', label: 'Капремонт', phrases: ['капремонт', 'капитальн ремонт'] },
];

/** The bit of each topic in a mask is its index in TOPICS: 22 topics fit a 32-bit number. */
if (TOPICS.length > 31) throw new Error('Too many topics for a 31-bit mask');

interface Pattern {
  bit: number;
  words: readonly string[];
  exact: readonly boolean[];
}

/** Patterns by the first letter of their first stem, so a word is compared with a few patterns. */
const BY_LETTER = new Map<string, Pattern[]>();
TOPICS.forEach((topic, index) => {
  for (const phrase of topic.phrases) {
    const parts = phrase.split(' ');
    const pattern = { bit: 1 << index, words: parts.map((p) => p.replace(/\$$/, '')), exact: parts.map((p) => p.endsWith('$')) };
    const letter = pattern.words[0]![0]!;
    BY_LETTER.set(letter, [...(BY_LETTER.get(letter) ?? []), pattern]);
  }
});

function matchesAt(tokens: readonly string[], i: number, p: Pattern): boolean {
  for (let k = 0; k < p.words.length; k++) {
    const token = tokens[i + k];
    const stem = p.words[k]!;
    if (token === undefined || (p.exact[k] ? token !== stem : !token.startsWith(stem))) return false;
  }
  return true;
}

/** The topics of a text, as a bit mask over TOPICS (0: none). */
export function topicMask(text: string): number {
  const tokens = tokenize(text);
  let mask = 0;
  for (let i = 0; i < tokens.length; i++) {
    const candidates = BY_LETTER.get(tokens[i]![0]!);
    if (candidates === undefined) continue;
    for (const p of candidates) if ((mask & p.bit) === 0 && matchesAt(tokens, i, p)) mask |= p.bit;
  }
  return mask;
}

/** The topics of a text, in list order. */
export function topicsOf(text: string): Topic[] {
  const mask = topicMask(text);
  return TOPICS.filter((_, i) => (mask & (1 << i)) !== 0);
}
