import { ROOT_BODY_ID, type Body } from '../../shared/bodies';
import type { Municipality } from '../../shared/domain';
import type { RoutingRuleInput } from '../../shared/routing-rules';
import { DEMO_MUNICIPALITIES } from './municipalities';
import { translit } from './people';

/**
 * The bodies of the demo region: the ЦУР, the Republic of Adygea's ministries and an agency
 * under their official names, the nine municipalities (with the ids they have always had), and
 * a settlement administration for each settlement of a municipal district.
 */
export const CUR_NAME = 'ЦУР Республики Адыгея';

export const DEMO_MINISTRIES: ReadonlyArray<Omit<Body, 'parentId'>> = [
  { id: 'minzdrav', name: 'Министерство здравоохранения Республики Адыгея', kind: 'ministry' },
  { id: 'minobr', name: 'Министерство образования и науки Республики Адыгея', kind: 'ministry' },
  { id: 'mintrud', name: 'Министерство труда и социального развития Республики Адыгея', kind: 'ministry' },
  { id: 'minstroy', name: 'Министерство строительства, архитектуры и жилищно-коммунального хозяйства Республики Адыгея', kind: 'ministry' },
  { id: 'mintrans', name: 'Министерство транспорта и дорожного хозяйства Республики Адыгея', kind: 'ministry' },
  { id: 'minprirody', name: 'Министерство природных ресурсов и экологии Республики Адыгея', kind: 'ministry' },
  { id: 'minkult', name: 'Министерство культуры Республики Адыгея', kind: 'ministry' },
  { id: 'minselhoz', name: 'Министерство сельского хозяйства Республики Адыгея', kind: 'ministry' },
  { id: 'vet', name: 'Управление ветеринарии Республики Адыгея', kind: 'agency' },
];

/** «Новая Адыгея» → «novaya-adygeya»: an id part. */
const slug = (name: string): string => translit(name).replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

export function demoBodies(): Body[] {
  const bodies: Body[] = [{ id: ROOT_BODY_ID, name: CUR_NAME, kind: 'cur', parentId: null }];
  for (const m of DEMO_MINISTRIES) bodies.push({ ...m, parentId: ROOT_BODY_ID });
  for (const m of DEMO_MUNICIPALITIES) bodies.push({ id: m.id, name: m.name, kind: 'municipality', parentId: ROOT_BODY_ID });
  for (const m of DEMO_MUNICIPALITIES) {
    if (m.kind !== 'district') continue;
    for (const [name, type] of m.settlements) {
      bodies.push({ id: `${m.id}.${slug(name)}`, name: `Администрация ${type} ${name}`, kind: 'settlement', parentId: m.id });
    }
  }
  return bodies;
}

/**
 * The bodies a region that has only municipalities gets: the same as migration 040 makes of an
 * existing database (the ЦУР, each municipality, each district's settlements).
 */
export function bodiesFromMunicipalities(municipalities: readonly Municipality[]): Body[] {
  if (municipalities.length === 0) return [];
  const bodies: Body[] = [{ id: ROOT_BODY_ID, name: 'Центр управления регионом', kind: 'cur', parentId: null }];
  for (const m of municipalities) bodies.push({ id: m.id, name: m.name, kind: 'municipality', parentId: ROOT_BODY_ID });
  for (const m of municipalities) {
    if (m.kind !== 'district') continue;
    m.settlements.forEach((name, i) => bodies.push({ id: `${m.id}.${i + 1}`, name, kind: 'settlement', parentId: m.id }));
  }
  return bodies;
}

/**
 * The demo region's routing rules: an appeal from a body's own community page stays with that
 * body; healthcare goes to the health ministry unless it is about a municipal matter (a road to
 * the hospital, its lighting, rubbish); the unified allowance and disability benefits go to the
 * labour and social development ministry. Everything else: by settlement, as before rules.
 */
export function demoRoutingRules(): Array<RoutingRuleInput & { id: string }> {
  return [
    { id: 'rule-page', name: 'Сообщество органа — в этот орган', enabled: true, position: 10, when: {}, target: { kind: 'channel-body' } },
    {
      id: 'rule-health',
      name: 'Здравоохранение — Минздрав РА (кроме муниципальных вопросов)',
      enabled: true,
      position: 20,
      when: { categories: ['health'], unlessKeywords: ['дорог', 'освещени', 'фонар', 'мусор', 'свалк', 'благоустр', 'тротуар', 'остановк', 'вод'] },
      target: { kind: 'body', bodyId: 'minzdrav' },
    },
    {
      id: 'rule-benefits',
      name: 'Единое пособие и инвалидность — Минтруда РА',
      enabled: true,
      position: 30,
      when: { keywords: ['един пособи', 'инвалидност', 'соцзащит'] },
      target: { kind: 'body', bodyId: 'mintrud' },
    },
  ];
}
