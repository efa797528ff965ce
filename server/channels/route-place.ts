import type { Municipality } from '../../shared/domain';
import { routeMunicipality } from '../../shared/routing';
import type { Queryable } from '../db/types';

/**
 * The municipality a free-text place names («Республика Адыгея, а. Тахтамукай, ул. Гагарина, 12»),
 * by the same settlement routing as the intake; undefined when it names none we know.
 */
export async function municipalityOfPlace(q: Queryable, place: string | null | undefined): Promise<string | undefined> {
  if (!place) return undefined;
  const res = await q.query<{ data: Municipality }>('SELECT municipality_json(m) AS data FROM municipalities m ORDER BY sort, id');
  return routeMunicipality(place, res.rows.map((r) => r.data)) ?? undefined;
}
