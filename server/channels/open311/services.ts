import { CATEGORIES, type Category } from '../../../shared/domain';

/**
 * Our spheres as Open311 services (GeoReport v2 `services.json`): the service code is the
 * category's code. The names repeat the workstation's labels (renderer/i18n/ru.json, `categories`)
 * because a city app shows them to citizens and the server cannot read the renderer's resources.
 */
const SERVICES: Readonly<Record<Category, { name: string; description: string; keywords: string }>> = {
  health: { name: 'Здравоохранение', description: 'Поликлиники, больницы, лекарства, скорая помощь', keywords: 'поликлиника,больница,врач' },
  education: { name: 'Образование', description: 'Школы, детские сады, кружки', keywords: 'школа,детский сад' },
  social: { name: 'Социальная защита', description: 'Пособия, льготы, помощь пожилым и семьям', keywords: 'пособие,льгота' },
  housing: { name: 'ЖКХ', description: 'Отопление, вода, свет, управляющие компании', keywords: 'отопление,вода,свет' },
  roads: { name: 'Дороги', description: 'Ямы, разметка, освещение улиц, тротуары', keywords: 'яма,дорога,тротуар' },
  landscaping: { name: 'Благоустройство', description: 'Дворы, парки, детские площадки, озеленение', keywords: 'двор,парк,площадка' },
  dumps: { name: 'Свалки и мусор', description: 'Вывоз мусора, контейнерные площадки, стихийные свалки', keywords: 'мусор,свалка,контейнер' },
  transport: { name: 'Транспорт', description: 'Автобусы, маршруты, остановки', keywords: 'автобус,маршрут,остановка' },
  other: { name: 'Другое', description: 'Всё, что не подходит под другие темы', keywords: '' },
};

export interface Open311Service {
  service_code: string;
  service_name: string;
  description: string;
  metadata: boolean;
  type: 'realtime' | 'batch' | 'blackbox';
  keywords: string;
  group: string;
}

export function open311Services(): Open311Service[] {
  return CATEGORIES.map((code) => ({
    service_code: code,
    service_name: SERVICES[code].name,
    description: SERVICES[code].description,
    // No extra attributes to ask (so no service definitions), and a request is an appeal at once.
    metadata: false,
    type: 'realtime',
    keywords: SERVICES[code].keywords,
    group: 'Обращения граждан',
  }));
}

export function serviceName(code: string): string | null {
  return (SERVICES as Record<string, { name: string } | undefined>)[code]?.name ?? null;
}
