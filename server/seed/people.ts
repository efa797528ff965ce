import type { DemoUser } from './types';
import { DEMO_MUNICIPALITIES } from './municipalities';
import type { Rng } from './prng';

/** Names of the citizens of Adygea: Russian and Adyghe. */

const RU_FEMALE = ['Анна', 'Ирина', 'Елена', 'Ольга', 'Наталья', 'Татьяна', 'Светлана', 'Мария', 'Екатерина', 'Юлия', 'Оксана', 'Галина', 'Людмила', 'Виктория', 'Дарья', 'Валентина', 'Надежда', 'Марина', 'Алёна', 'Ксения', 'Любовь', 'Вера'];
const RU_MALE = ['Александр', 'Сергей', 'Андрей', 'Дмитрий', 'Алексей', 'Владимир', 'Николай', 'Иван', 'Михаил', 'Евгений', 'Виктор', 'Павел', 'Олег', 'Игорь', 'Роман', 'Артём', 'Юрий', 'Геннадий'];
const AD_FEMALE = ['Саида', 'Мариет', 'Сусанна', 'Фатима', 'Зарема', 'Бэла', 'Асиет', 'Нафисет', 'Аминет', 'Зурет', 'Рузанна', 'Мадина', 'Фатимет', 'Сафиет', 'Нуриет', 'Разиет', 'Марина', 'Светлана'];
const AD_MALE = ['Аслан', 'Руслан', 'Мурат', 'Заур', 'Рустам', 'Адам', 'Казбек', 'Нальбий', 'Байзет', 'Аскер', 'Азамат', 'Тимур', 'Бислан', 'Инвер', 'Хазрет', 'Нурбий', 'Мухамед', 'Шамиль'];
const RU_SURNAMES = ['Петров', 'Иванов', 'Смирнов', 'Кузнецов', 'Попов', 'Соколов', 'Лебедев', 'Козлов', 'Новиков', 'Морозов', 'Волков', 'Соловьёв', 'Васильев', 'Зайцев', 'Павлов', 'Семёнов', 'Голубев', 'Виноградов', 'Богданов', 'Фёдоров', 'Михайлов', 'Беляев', 'Тарасов', 'Белов', 'Комаров', 'Орлов', 'Киселёв', 'Макаров', 'Андреев', 'Ковальчук', 'Шевченко', 'Бондаренко', 'Ткаченко', 'Кравченко', 'Сидоренко', 'Гончаров', 'Черкасов', 'Лысенко'];
const AD_SURNAMES = ['Хуаде', 'Шхалахов', 'Тхаркахов', 'Меретуков', 'Хуажев', 'Ачмиз', 'Тхакушинов', 'Берзегов', 'Хатков', 'Напсо', 'Хачемизов', 'Гишев', 'Схаляхо', 'Хапай', 'Тлехас', 'Ешугов', 'Мамий', 'Бжассо', 'Цеев', 'Хагауджев', 'Тлецери', 'Беданоков', 'Пшизов', 'Чундышко', 'Ашинов', 'Женетль', 'Куйжев', 'Хакуз', 'Унароков', 'Абрегов', 'Шеуджен', 'Блягоз', 'Тлюстен', 'Кушу'];
const PATRONYMICS: ReadonlyArray<readonly [string, string]> = [
  ['Александрович', 'Александровна'], ['Сергеевич', 'Сергеевна'], ['Владимирович', 'Владимировна'], ['Николаевич', 'Николаевна'],
  ['Викторович', 'Викторовна'], ['Иванович', 'Ивановна'], ['Петрович', 'Петровна'], ['Юрьевич', 'Юрьевна'], ['Анатольевич', 'Анатольевна'],
];
const AD_PATRONYMICS: ReadonlyArray<readonly [string, string]> = [
  ['Асланович', 'Аслановна'], ['Муратович', 'Муратовна'], ['Казбекович', 'Казбековна'], ['Нальбиевич', 'Нальбиевна'],
  ['Русланович', 'Руслановна'], ['Байзетович', 'Байзетовна'], ['Хазретович', 'Хазретовна'], ['Аскербиевич', 'Аскербиевна'],
];

export interface Person {
  first: string;
  last: string;
  patronymic: string;
  female: boolean;
}

/** Russian surnames in -ов/-ев/-ин take -а for women; Adyghe and Ukrainian ones do not change. */
function surname(base: string, female: boolean): string {
  return female && /(ов|ев|ёв|ин)$/.test(base) ? `${base}а` : base;
}

/** A person; Adyghe names are likelier in auls. */
export function randomPerson(rng: Rng, adygheShare: number): Person {
  const female = rng.chance(0.62); // women write to the authorities more often
  const adyghe = rng.chance(adygheShare);
  const first = rng.pick(adyghe ? (female ? AD_FEMALE : AD_MALE) : female ? RU_FEMALE : RU_MALE);
  const last = surname(rng.pick(adyghe && rng.chance(0.9) ? AD_SURNAMES : RU_SURNAMES), female);
  const patronymicPair = rng.pick(adyghe ? AD_PATRONYMICS : PATRONYMICS);
  return { first, last, patronymic: patronymicPair[female ? 1 : 0], female };
}

export const fullName = (p: Person): string => `${p.last} ${p.first} ${p.patronymic}`;
export const shortName = (p: Person): string => `${p.first} ${p.last}`;

const LATIN: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'e', ж: 'zh', з: 'z', и: 'i', й: 'y', к: 'k', л: 'l', м: 'm', н: 'n',
  о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'kh', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'sch', ъ: '', ы: 'y',
  ь: '', э: 'e', ю: 'yu', я: 'ya',
};

export function translit(text: string): string {
  return [...text.toLowerCase()].map((ch) => LATIN[ch] ?? ch).join('');
}

// --- staff ----------------------------------------------------------------------------------

/** Every demo user's password (see types.ts). */
export const DEMO_PASSWORD = 'demo';

/** Staff names are fixed (not drawn), so the same people appear whatever the seed. */
const STAFF_NAMES: Readonly<Record<string, readonly [string, string, string]>> = {
  maykop: ['Елена Ковальчук', 'Мурат Хатков', 'Светлана Берзегова'],
  adygeysk: ['Фатима Тлехас', 'Аминет Хуажева', 'Руслан Ешугов'],
  giaginsky: ['Ольга Гончарова', 'Сергей Бондаренко', 'Татьяна Черкасова'],
  koshekhablsky: ['Бэла Ачмиз', 'Заур Куйжев', 'Мариет Хакуз'],
  krasnogvardeysky: ['Наталья Лысенко', 'Асиет Беданокова', 'Юрий Ткаченко'],
  maykopsky: ['Андрей Соколов', 'Марина Виноградова', 'Людмила Орлова'],
  takhtamukaysky: ['Зарема Хагауджева', 'Казбек Ашинов', 'Нафисет Схаляхо'],
  teuchezhsky: ['Сусанна Тлецери', 'Нальбий Хачемизов', 'Зурет Напсо'],
  shovgenovsky: ['Мадина Шеуджен', 'Аскер Абрегов', 'Разиет Гишева'],
};

/** Ministries with staff in the demo (head of department, clerk): forwards and routing land here. */
const MINISTRY_STAFF: Readonly<Record<string, readonly [string, string]>> = {
  minzdrav: ['Рустам Мамий', 'Галина Киселёва'],
  mintrud: ['Нуриет Бжассо', 'Павел Андреев'],
  minstroy: ['Тимур Цеев', 'Оксана Шевченко'],
};

/**
 * Every demo user (password `demo`). The well-known logins: operator (clerk in Майкоп),
 * operator2 (clerk in Тахтамукайский район), curator (the region's ЦУР curator), admin.
 * Each municipality also has a head of department (supervisor) and clerks, so routing always has
 * someone to assign to; so have three ministries (minzdrav.*, mintrud.*, minstroy.*).
 */
export function demoUsers(): DemoUser[] {
  const users: DemoUser[] = [
    { id: 'u-operator', username: 'operator', displayName: 'Ирина Петрова', role: 'clerk', municipalityId: 'maykop' },
    { id: 'u-operator2', username: 'operator2', displayName: 'Саида Хуаде', role: 'clerk', municipalityId: 'takhtamukaysky' },
    { id: 'u-curator', username: 'curator', displayName: 'Аслан Тхаркахов', role: 'supervisor', municipalityId: null },
    { id: 'u-admin', username: 'admin', displayName: 'Администратор системы', role: 'admin', municipalityId: null },
    { id: 'u-curator2', username: 'curator2', displayName: 'Виктория Морозова', role: 'supervisor', municipalityId: null },
  ];
  for (const [body, [head, clerk]] of Object.entries(MINISTRY_STAFF)) {
    users.push({ id: `u-head-${body}`, username: `${body}.head`, displayName: head, role: 'supervisor', municipalityId: body });
    users.push({ id: `u-clerk-${body}-1`, username: `${body}.clerk1`, displayName: clerk, role: 'clerk', municipalityId: body });
  }
  for (const m of DEMO_MUNICIPALITIES) {
    const [head, clerk1, clerk2] = STAFF_NAMES[m.id] ?? ['Руководитель', 'Специалист 1', 'Специалист 2'];
    users.push({ id: `u-head-${m.id}`, username: `${m.id}.head`, displayName: head, role: 'supervisor', municipalityId: m.id });
    users.push({ id: `u-clerk-${m.id}-1`, username: `${m.id}.clerk1`, displayName: clerk1, role: 'clerk', municipalityId: m.id });
    if (m.id !== 'takhtamukaysky') {
      users.push({ id: `u-clerk-${m.id}-2`, username: `${m.id}.clerk2`, displayName: clerk2, role: 'clerk', municipalityId: m.id });
    }
  }
  return users;
}
