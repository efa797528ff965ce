import type { Municipality } from './domain';

/**
 * Routing an appeal to its municipality by the settlement its author named. Citizens and source
 * systems write settlements every way there is — «г. Майкоп», «а.Тахтамукай», «ст-ца Гиагинская»,
 * «пгт Яблоновский», «Республика Адыгея, Майкопский р-н, пос. Тульский» — so the comparison drops
 * case, ё, punctuation and the settlement-type words.
 */

/** Settlement-type words and abbreviations that may precede (or follow) a name. */
const TYPE_WORDS = new Set([
  'г', 'гор', 'город', 'пос', 'п', 'поселок', 'пгт', 'рп', 'аул', 'а', 'ст', 'ст-ца', 'станица', 'стц',
  'х', 'хут', 'хутор', 'с', 'село', 'д', 'дер', 'деревня', 'мкр', 'мкрн', 'микрорайон', 'снт', 'нп',
]);

/** Parts of an address that name a region or a district rather than the settlement. */
const REGION_PART = /(республик|край|област|р-н|район)/;

/** The comparable form of a settlement name: «ст-ца Гиагинская» → «гиагинская». */
export function normalizeSettlement(raw: string): string {
  const words = raw
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/[.,;:«»"'()]/g, ' ')
    .split(/\s+/)
    .filter((w) => w.length > 0);
  const kept = words.filter((w) => !TYPE_WORDS.has(w));
  return (kept.length > 0 ? kept : words).join(' ');
}

/**
 * The id of the municipality whose settlements include this one, or whose name is this one
 * («Майкоп», «Гиагинский район»); null when nothing matches. An address with commas is tried
 * part by part, from the most specific (last) part, so a settlement wins over its district.
 */
export function routeMunicipality(settlement: string | undefined, municipalities: Municipality[]): string | null {
  if (settlement === undefined || settlement.trim() === '') return null;
  const parts = settlement.split(',').map((p) => p.trim()).filter((p) => p !== '');
  const ordered = [...parts.filter((p) => !REGION_PART.test(p.toLowerCase())).reverse(), ...parts.filter((p) => REGION_PART.test(p.toLowerCase()))];
  for (const part of ordered) {
    const wanted = normalizeSettlement(part);
    const bySettlement = municipalities.find((m) => m.settlements.some((s) => normalizeSettlement(s) === wanted));
    if (bySettlement) return bySettlement.id;
    const byName = municipalities.find((m) => sameName(m.name, wanted));
    if (byName) return byName.id;
  }
  return null;
}

/** «Гиагинский район» matches «гиагинский район», «гиагинский р-н» and «гиагинский». */
function sameName(name: string, wanted: string): boolean {
  const norm = normalizeSettlement(name);
  const bare = (s: string) => s.replace(/\s+(район|р-н|городской округ|го)$/, '');
  return norm === wanted || bare(norm) === bare(wanted);
}
