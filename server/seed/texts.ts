import type { Category, Source } from '../../shared/domain';
import * as F from './fragments';
import { fullName, type Person } from './people';
import { Rng, WeightedTable } from './prng';

/** Citizens' appeal texts, assembled from fragments in the manner of each source. */

export interface TextContext {
  category: Category;
  source: Source;
  author: Person;
  /** «а. Тахтамукай» */
  place: string;
  street: string;
  street2: string;
  /** «ул. Ленина, д. 12» */
  addr: string;
}

const PROBLEM_TABLES = Object.fromEntries(
  Object.entries(F.PROBLEMS).map(([category, list]) => [category, new WeightedTable(list.map(([text, w, topic]) => [{ text, topic }, w]))]),
) as Record<Category, WeightedTable<F.Problem>>;

const SOCIAL: ReadonlySet<Source> = new Set(['vk', 'ok', 'telegram', 'incident']);

function fill(template: string, ctx: TextContext, rng: Rng): string {
  return template.replace(/\{(\w+)\}/g, (_, key: string) => {
    switch (key) {
      case 'place':
        return ctx.place;
      case 'street':
        return ctx.street;
      case 'street2':
        return ctx.street2;
      case 'addr':
        return ctx.addr;
      case 'duration':
        return rng.pick(F.DURATIONS);
      case 'ago':
        return rng.pick(F.AGO);
      case 'n':
        return String(rng.int(2, 14));
      case 'route':
        return String(rng.int(1, 42));
      case 'doctor':
        return rng.pick(F.DOCTORS);
      case 'reason':
        return rng.pick(F.REASONS);
      case 'child':
        return rng.pick(F.CHILDREN);
      case 'age':
        return rng.pick(F.AGES);
      case 'month':
        return rng.pick(F.MONTHS);
      case 'org':
        return rng.pick(F.ORGANISATIONS[ctx.category]);
      default:
        return key;
    }
  });
}

const join = (parts: readonly string[]) => parts.filter((p) => p !== '').join(' ');
const maybe = (rng: Rng, p: number, text: () => string) => (rng.chance(p) ? text() : '');

/** The body of the complaint, the same in every source's manner. */
function core(problem: string, ctx: TextContext, rng: Rng): string[] {
  return [
    fill(problem, ctx, rng),
    maybe(rng, 0.45, () => fill(rng.pick(F.PRIOR), ctx, rng)),
    maybe(rng, 0.35, () => fill(rng.pick(F.CONSEQUENCES), ctx, rng)),
  ];
}

/** An appeal's text and the topic of its problem (which picks a fitting answer). */
export function appealText(ctx: TextContext, rng: Rng): { text: string; topic: string } {
  const problem = PROBLEM_TABLES[ctx.category].draw(rng);
  return { text: compose(problem.text, ctx, rng), topic: problem.topic };
}

function compose(problem: string, ctx: TextContext, rng: Rng): string {
  // Say where only once: the problem may name the place or the address itself.
  const placed = problem.includes('{addr}') || problem.includes('{place}');
  if (SOCIAL.has(ctx.source)) {
    const text = join([
      maybe(rng, 0.7, () => rng.pick(F.GREETINGS)),
      placed ? '' : maybe(rng, 0.4, () => fill(rng.pick(F.INTROS), ctx, rng)),
      ...core(problem, ctx, rng),
      maybe(rng, 0.8, () => rng.pick(F.PLEAS)),
      maybe(rng, 0.4, () => rng.pick(F.THANKS)),
    ]);
    return ctx.source === 'incident' ? `Публикация в соцсети, выявлена системой «Инцидент Менеджмент»: ${text}` : text;
  }
  switch (ctx.source) {
    case 'chatbot':
      return [
        `Тема: ${F.CHATBOT_TOPICS[ctx.category]}`,
        `Адрес: ${ctx.place}, ${ctx.addr}`,
        `Описание: ${join([...core(problem, ctx, rng), maybe(rng, 0.6, () => rng.pick(F.PLEAS))])}`,
      ].join('\n');
    case 'pos':
      return join([
        maybe(rng, 0.5, () => rng.pick(F.FORMAL_GREETINGS)),
        ...core(problem, ctx, rng),
        `Адрес: ${ctx.place}, ${ctx.addr}.`,
        rng.pick(F.PLEAS),
      ]);
    case 'email':
      return [
        rng.pick(F.FORMAL_GREETINGS),
        join([`Я, ${fullName(ctx.author)}, проживаю по адресу: ${ctx.place}, ${ctx.addr}.`, ...core(problem, ctx, rng)]),
        F.FZ59_CLOSING,
        `С уважением, ${fullName(ctx.author)}.`,
      ].join('\n\n');
    case 'phone':
    default:
      return join([
        `Звонок на горячую линию ЦУР. Заявитель: ${fullName(ctx.author)}, ${ctx.place}, ${ctx.addr}.`,
        `Сообщает: «${join(core(problem, ctx, rng))}»`,
        `Просит ${rng.pick(F.PHONE_ASKS)}.`,
      ]);
  }
}
