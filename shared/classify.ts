import type { Category } from './domain';

/**
 * A first guess at an appeal's sphere from its text, for routing at intake; a clerk corrects it.
 *
 * Russian words change their endings, so the vocabulary is word stems: a stem matches every word
 * that starts with it («поликлиник» matches «поликлинике», «поликлиниками»). A stem written with a
 * trailing '$' must match the whole word (abbreviations such as «ФАП», «ТКО»). A phrase of several
 * stems matches consecutive words. Each match adds its weight to its sphere; a word that matches
 * several stems counts only for the longest one, so «водитель» is transport, not water supply.
 */

type Vocabulary = Readonly<Record<Exclude<Category, 'other'>, ReadonlyArray<readonly [string, number]>>>;

export const CATEGORY_VOCABULARY: Vocabulary = {
  health: [
    ['поликлиник', 3], ['больниц', 3], ['врач', 3], ['запис к врач', 4], ['лекарств', 3], ['скорая$', 3], ['скорой$', 3], ['скорую$', 3],
    ['скорая помощ', 4], ['фап$', 3], ['фельдшер', 3], ['медицин', 3], ['медпункт', 3], ['терапевт', 3],
    ['педиатр', 3], ['стоматолог', 3], ['талон', 2], ['регистратур', 3], ['гбуз$', 3], ['рецепт', 2],
    ['льготн лекарств', 4], ['аптек', 2], ['узи$', 3], ['мрт$', 3], ['кт$', 2], ['анализ', 2], 
    ['диспансеризац', 3], ['вакцин', 3], ['прививк', 3], ['онколог', 3], ['кардиолог', 3], ['невролог', 3],
    ['хирург', 3], ['окулист', 3], ['офтальмолог', 3], ['эндокринолог', 3], ['инсулин', 3], ['медсестр', 3],
    ['пациент', 2], ['лечени', 2], ['госпитализац', 3], ['роддом', 3], ['здоровь', 2], ['мсэ$', 3], ['травм', 3],
  ],
  education: [
    ['школ', 3], ['детск сад', 4], ['детсад', 3], ['садик', 3], ['учител', 3], ['егэ$', 3], ['огэ$', 3],
    ['класс', 1], ['ученик', 3], ['учени', 1], ['воспитател', 3], ['образовани', 2], ['кружк', 2], ['урок', 2],
    ['директор школ', 4], ['очередь в сад', 4], ['гимнази', 3], ['лицей$', 3], ['лицея$', 3], ['лицее$', 3], ['колледж', 3],
    ['техникум', 3], ['студент', 2], ['школьн', 3], ['первоклассник', 3], ['дошкольн', 3], ['питани в школ', 4],
    ['столов', 1], ['продленк', 3], ['экзамен', 2], ['педагог', 3], ['учебник', 3], ['дистанционн обучени', 4],
  ],
  social: [
    ['пособи', 3], ['един пособи', 5], ['выплат', 3], ['соцзащит', 4], ['социальн защит', 4],
    ['пенси', 3], ['многодетн', 3], ['субсиди', 3], ['материнск капитал', 4], ['маткапитал', 4], ['льгот', 2],
    ['малоимущ', 3], ['сфр$', 3], ['соцфонд', 3], ['социальн фонд', 4], ['мфц$', 2], ['инвалид', 2], ['инвалидност', 2], ['опек', 3],
    ['ветеран', 2], ['сво$', 2], ['мобилизованн', 3], ['участник сво', 4], ['компенсац', 2], ['малообеспеченн', 3],
    ['социальн', 1], ['соцработник', 4], ['путевк', 1], ['доход', 1], ['отказ в назначени', 4], ['назначени', 1],
    ['алимент', 2], ['сирот', 3], ['денежн', 1], ['социальн контракт', 4], ['соцконтракт', 4],
  ],
  housing: [
    ['жкх$', 4], ['отоплен', 3], ['вод', 1], ['водоснабжен', 3], ['водопровод', 3], ['горяч вод', 4], ['холодн вод', 4],
    ['канализац', 3], ['управляющ компан', 4], ['ук$', 2], ['крыш', 3], ['кровл', 3], ['подъезд', 3], ['батаре', 3],
    ['радиатор', 3], ['газ', 2], ['газоснабжен', 3], ['электричеств', 2], ['свет отключ', 3], ['отключен', 1],
    ['квитанц', 3], ['тариф', 3], ['капремонт', 4], ['капитальн ремонт', 4], ['лифт', 3], ['протека', 3],
    ['затопи', 2], ['подвал', 3], ['трубы', 2], ['труб', 1], ['стояк', 3], ['коммунальн', 3], ['жиль', 2],
    ['аварийн жиль', 4], ['многоквартирн', 3], ['тсж$', 3], ['счетчик', 2], ['напор', 2], ['водоканал', 4],
  ],
  roads: [
    ['дорог', 3], ['ям', 3], ['ямочн ремонт', 4], ['асфальт', 3], ['светофор', 3], ['тротуар', 2], ['пешеходн переход', 4],
    ['переход', 1], ['разметк', 3], ['обочин', 3], ['грейдер', 3], ['гравий', 2], ['щебен', 2], ['проезжа', 3],
    ['дорожн', 3], ['трасс', 2], ['мост', 2], ['лежач полицейск', 4], ['искусственн неровност', 4], ['знак', 1],
    ['ливнев', 2], ['лужи', 1], ['колеи', 2], ['покрыти', 1], ['перекрест', 2], ['гололед', 2], ['снег', 1],
    ['посыпк', 2], ['чистк дорог', 4], ['гибдд$', 2],
  ],
  landscaping: [
    ['благоустр', 4], ['двор', 1], ['освещен', 3], ['фонар', 3], ['парк', 3], ['детск площадк', 4], ['площадк', 1],
    ['сквер', 3], ['скамейк', 3], ['лавочк', 3], ['клумб', 3], ['озеленен', 3], ['деревь', 2], ['аварийн дерев', 4],
    ['спил', 3], ['покос', 3], ['трав', 1], ['бурьян', 3], ['амбрози', 3], ['газон', 3], ['набережн', 3],
    ['качел', 3], ['горк', 1], ['спортивн площадк', 4], ['бродяч собак', 4], ['собак', 2], ['кладбищ', 3],
    ['памятник', 2], ['фонтан', 3], ['аллея', 3], ['аллеи', 3], ['комфортн городск сред', 5],
  ],
  dumps: [
    ['мусор', 3], ['свалк', 4], ['контейнер', 3], ['тко$', 4], ['вывоз', 2], ['мусоровоз', 4], ['отход', 3],
    ['региональн оператор', 4], ['регоператор', 4], ['контейнерн площадк', 5], ['бак', 2], ['баки', 2],
    ['стихийн свалк', 5], ['строительн мусор', 4], ['отходов', 3], ['захламлен', 3], ['полигон', 3],
  ],
  transport: [
    ['автобус', 3], ['маршрут', 3], ['транспорт', 3], ['маршрутк', 3], ['остановк', 3], ['расписани', 2],
    ['водител', 3], ['проезд', 2], ['рейс', 3], ['электричк', 3], ['такси', 2], ['перевозчик', 3],
    ['пассажир', 3], ['газел', 3], ['автовокзал', 3], ['интервал', 2], ['кондуктор', 3], ['проездн', 3], ['общественн транспорт', 5],
  ],
};

interface Entry {
  words: readonly string[];
  exact: readonly boolean[];
  weight: number;
  category: Category;
  /** Total stem length, to prefer the most specific match of a word. */
  length: number;
}

const ALL_ENTRIES: readonly Entry[] = Object.entries(CATEGORY_VOCABULARY).flatMap(([category, list]) =>
  list.map(([phrase, weight]) => {
    const parts = phrase.split(' ');
    return {
      words: parts.map((p) => p.replace(/\$$/, '')),
      exact: parts.map((p) => p.endsWith('$')),
      weight,
      category: category as Category,
      length: parts.join('').length,
    };
  }),
);

/** Entries by the first letter of their first stem, so a word is compared with a few dozen stems. */
const BY_FIRST_LETTER = new Map<string, Entry[]>();
for (const e of ALL_ENTRIES) {
  const letter = (e.words[0] as string)[0] as string;
  BY_FIRST_LETTER.set(letter, [...(BY_FIRST_LETTER.get(letter) ?? []), e]);
}

/** Lowercase, ё→е, words of Cyrillic or Latin letters and digits. */
export function tokenize(text: string): string[] {
  return text.toLowerCase().replace(/ё/g, 'е').match(/[a-zа-я0-9]+/g) ?? [];
}

/** Words that introduce a street name; the name itself («ул. Школьная») says nothing about the sphere. */
const STREET_WORDS = new Set(['ул', 'улица', 'улицы', 'улице', 'улицу', 'пер', 'переулок', 'переулке', 'пр', 'просп', 'проспект', 'проспекте', 'шоссе', 'бульвар', 'бульваре', 'мкр', 'микрорайон']);

/** The tokens without street names: a capitalised or numeric word (up to two) after a street word. */
function meaningfulTokens(text: string): string[] {
  const raw = text.replace(/ё/g, 'е').replace(/Ё/g, 'Е').match(/[a-zA-Zа-яА-Я0-9]+/g) ?? [];
  const out: string[] = [];
  for (let i = 0; i < raw.length; i++) {
    const word = (raw[i] as string).toLowerCase();
    out.push(word);
    if (!STREET_WORDS.has(word)) continue;
    for (let k = 0; k < 2 && i + 1 < raw.length && /^[A-ZА-Я0-9]/.test(raw[i + 1] as string); k++) i++;
  }
  return out;
}

function matchesAt(tokens: readonly string[], i: number, e: Entry): boolean {
  for (let k = 0; k < e.words.length; k++) {
    const token = tokens[i + k];
    const stem = e.words[k] as string;
    if (token === undefined) return false;
    if (e.exact[k] ? token !== stem : !token.startsWith(stem)) return false;
  }
  return true;
}

/** The score of each sphere for a text; exported for tests and for explaining a guess. */
export function categoryScores(text: string): Record<Category, number> {
  const tokens = meaningfulTokens(text);
  const scores = { health: 0, education: 0, social: 0, housing: 0, roads: 0, landscaping: 0, dumps: 0, transport: 0, other: 0 };
  let i = 0;
  while (i < tokens.length) {
    let best: Entry | undefined;
    for (const e of BY_FIRST_LETTER.get((tokens[i] as string)[0] as string) ?? []) {
      if ((best === undefined || e.length > best.length) && matchesAt(tokens, i, e)) best = e;
    }
    if (best) {
      scores[best.category] += best.weight;
      i += best.words.length;
    } else {
      i++;
    }
  }
  return scores;
}

/** The sphere with the highest score; 'other' when nothing matches. Ties go to the earlier sphere. */
export function classifyCategory(text: string): Category {
  const scores = categoryScores(text);
  let best: Category = 'other';
  let bestScore = 0;
  for (const [category, score] of Object.entries(scores) as [Category, number][]) {
    if (score > bestScore) {
      best = category;
      bestScore = score;
    }
  }
  return best;
}
