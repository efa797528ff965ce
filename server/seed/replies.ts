import type { Category, Template } from '../../shared/domain';
import { localDateKey } from '../../shared/deadlines';
import { ANSWERS, FALLBACK_ANSWER } from './answers';
import type { Person } from './people';
import type { Rng } from './prng';

/** What clerks write back: published replies, resolution posts, internal notes, shared templates. */

const MONTHS_GENITIVE = ['января', 'февраля', 'марта', 'апреля', 'мая', 'июня', 'июля', 'августа', 'сентября', 'октября', 'ноября', 'декабря'];

/** «25 апреля», in Moscow time. */
export function ruDate(instant: Date): string {
  const [, m, d] = localDateKey(instant).split('-').map(Number) as [number, number, number];
  return `${d} ${MONTHS_GENITIVE[m - 1]}`;
}

const CLOSINGS = ['Спасибо, что сообщили о проблеме.', 'Если вопрос не решён, напишите нам ещё раз — мы поможем.', 'Благодарим за обращение!', ''];

export interface ReplyContext {
  category: Category;
  /** The topic of the citizen's problem, which picks the answer. */
  topic: string;
  author: Person;
  formal: boolean;
  officialName: string;
  street: string;
  addr: string;
  /** A date a few days after the reply, for «до 25 апреля». */
  promised: Date;
}

function greeting(ctx: ReplyContext): string {
  if (ctx.formal) return `${ctx.author.female ? 'Уважаемая' : 'Уважаемый'} ${ctx.author.first} ${ctx.author.patronymic}!`;
  return `Здравствуйте, ${ctx.author.first}!`;
}

function fill(text: string, ctx: ReplyContext): string {
  return text.replace('{date}', ruDate(ctx.promised)).replace('{street}', ctx.street).replace('{addr}', ctx.addr);
}

export function answerBody(ctx: ReplyContext, rng: Rng): string {
  const answers = ANSWERS[ctx.topic] ?? [FALLBACK_ANSWER];
  return [greeting(ctx), fill(rng.pick(answers), ctx), rng.pick(CLOSINGS), `Администрация ${ctx.officialName}`]
    .filter((p) => p !== '')
    .join('\n\n');
}

const RESOLUTIONS = [
  'Работы выполнены, проблема решена. Фотоотчёт прилагаем.',
  'Сообщаем, что проблема устранена — посмотрите фото «после». Спасибо, что помогли сделать наш район лучше!',
  'Работы по вашему обращению завершены. Прикладываем фотографии.',
];

export function resolutionBody(ctx: ReplyContext, rng: Rng): string {
  return `${greeting(ctx)}\n\n${rng.pick(RESOLUTIONS)}\n\nАдминистрация ${ctx.officialName}`;
}

export const NOTES = [
  'Запросила информацию в управляющей компании, ответ обещали до конца недели.',
  'Позвонила заявителю, уточнила адрес и номер дома.',
  'Передано в профильное министерство, ждём ответа.',
  'Выезд на место запланирован на четверг.',
  'Похожее обращение было в прошлом месяце, см. историю по адресу.',
  'Заявитель просит перезвонить после 17:00.',
  'Согласовала текст ответа с начальником отдела.',
  'Подрядчик подтвердил сроки работ, держу на контроле.',
  'Нужны фото от заявителя, запросила в комментариях.',
  'Вопрос на личном контроле главы.',
];

export const FORWARD_TARGETS: Readonly<Record<Category, string>> = {
  health: 'Министерство здравоохранения Республики Адыгея',
  education: 'Министерство образования и науки Республики Адыгея',
  social: 'Отделение Социального фонда России по Республике Адыгея',
  housing: 'Управление государственного жилищного надзора Республики Адыгея',
  roads: 'ГКУ РА «Управление автомобильных дорог «Адыгеяавтодор»',
  landscaping: 'Управление ЖКХ и благоустройства',
  dumps: 'Региональный оператор по обращению с ТКО',
  transport: 'Министерство строительства, транспорта, ЖКХ и дорожного хозяйства Республики Адыгея',
  other: 'Аппарат Главы Республики Адыгея',
};

const TEMPLATE_TEXTS: ReadonlyArray<readonly [string, string]> = [
  ['Принято в работу', 'Здравствуйте, {{citizenName}}! Ваше обращение принято в работу и передано специалистам администрации {{municipality}}. Ответ будет дан до {{deadline}}.\n\nС уважением, {{clerkName}}'],
  ['Уточнение адреса', 'Здравствуйте, {{citizenName}}! Чтобы мы могли помочь, уточните, пожалуйста, точный адрес (населённый пункт, улица, номер дома). Ответ на обращение будет дан до {{deadline}}.\n\n{{clerkName}}, администрация {{municipality}}'],
  ['Перенаправлено по компетенции', 'Здравствуйте, {{citizenName}}! Вопрос, указанный в обращении, не относится к полномочиям администрации {{municipality}}. В соответствии с ч. 3 ст. 8 Федерального закона № 59-ФЗ обращение направлено в орган, в компетенцию которого входит решение вопроса; ответ вы получите оттуда.\n\n{{clerkName}}'],
  ['Единое пособие: куда обращаться', 'Здравствуйте, {{citizenName}}! Единое пособие назначает Социальный фонд России. Вы можете обратиться в клиентскую службу СФР, в МФЦ или подать заявление на Госуслугах. Мы направили ваш вопрос в Отделение СФР по Республике Адыгея, ответ поступит до {{deadline}}.\n\n{{clerkName}}, администрация {{municipality}}'],
  ['Запись к врачу', 'Здравствуйте, {{citizenName}}! Информация передана в Министерство здравоохранения Республики Адыгея. С вами свяжутся из поликлиники, чтобы записать на приём. Срок ответа — до {{deadline}}.\n\n{{clerkName}}'],
  ['Вывоз мусора', 'Здравствуйте, {{citizenName}}! Заявка на вывоз ТКО передана региональному оператору. Вывоз будет выполнен в ближайший рейс, мы проконтролируем.\n\n{{clerkName}}, администрация {{municipality}}'],
  ['Ямочный ремонт', 'Здравствуйте, {{citizenName}}! Указанный участок дороги включён в план ямочного ремонта. Работы будут выполнены при подходящих погодных условиях, о результате сообщим до {{deadline}}.\n\nАдминистрация {{municipality}}'],
  ['ЖКХ: передано в управляющую компанию', 'Здравствуйте, {{citizenName}}! Обращение передано в управляющую компанию и в жилищную инспекцию, устранение нарушений на контроле администрации {{municipality}}. Ответ — до {{deadline}}.\n\n{{clerkName}}'],
  ['Благодарность', 'Здравствуйте, {{citizenName}}! Спасибо за добрые слова — передадим их коллегам. Администрация {{municipality}}'],
  ['Проблема решена', 'Здравствуйте, {{citizenName}}! Работы по вашему обращению выполнены, фотоотчёт прилагаем. Если что-то осталось не так, напишите нам.\n\n{{clerkName}}, администрация {{municipality}}'],
];

export function demoTemplates(now: Date): Template[] {
  const updatedAt = new Date(now.getTime() - 30 * 86_400_000).toISOString();
  const shared = TEMPLATE_TEXTS.map(([title, body], i) => ({
    id: `t-${String(i + 1).padStart(2, '0')}`,
    title,
    body,
    ownerId: null,
    municipalityId: null,
    updatedAt,
  }));
  const own: Template = {
    id: 't-operator-01',
    title: 'Мой: перезвоним',
    body: 'Здравствуйте, {{citizenName}}! Я перезвоню вам в ближайший рабочий день, чтобы уточнить детали. {{clerkName}}',
    ownerId: 'u-operator',
    municipalityId: 'maykop',
    updatedAt,
  };
  return [...shared, own];
}
