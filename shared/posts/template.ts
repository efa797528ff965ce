import { toLocal } from '../local-time';

/** Variables of a resolution post's template, written `{{name}}` like reply templates. */
export const POST_TEMPLATE_VARIABLES = ['address', 'body', 'firstAppealDate', 'solvedDate', 'promisedDate', 'appealCount'] as const;
export type PostTemplateVariable = (typeof POST_TEMPLATE_VARIABLES)[number];

/** The text a new post starts from; the clerk edits it freely. */
export const DEFAULT_POST_TEMPLATE =
  'Проблема по адресу {{address}} решена.\n\n' +
  'Жители сообщили о ней {{firstAppealDate}} (обращений: {{appealCount}}). {{body}} устранил(а) её {{solvedDate}}. ' +
  'Спасибо всем, кто не остался в стороне!';

/** What the template is filled from: the problem as the workstation has it. */
export interface PostFacts {
  address: string;
  /** The responsible body's name. */
  body: string;
  /** ISO instants. */
  firstAppealAt: string;
  solvedAt: string;
  promisedDate?: string | null;
  appealCount: number;
}

/** An instant as a date the way a Russian page prints it, in the region's zone: «03.12.2026». */
export function postDate(iso: string, timeZone = 'Europe/Moscow'): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return '';
  // A promised date may come as a bare 'YYYY-MM-DD' (a calendar date, no zone to apply).
  const key = /^\d{4}-\d{2}-\d{2}$/.test(iso) ? iso : toLocal(ms, timeZone).key;
  const [y, m, d] = key.split('-');
  return `${d}.${m}.${y}`;
}

/**
 * Fills `{{name}}` placeholders from the problem's facts. A variable without a value stays as
 * `{{name}}`, so the clerk sees the gap (and submit refuses it: `unfilledVariables`).
 */
export function fillPostTemplate(template: string, facts: PostFacts, timeZone = 'Europe/Moscow'): string {
  const values: Record<PostTemplateVariable, string> = {
    address: facts.address.trim(),
    body: facts.body.trim(),
    firstAppealDate: postDate(facts.firstAppealAt, timeZone),
    solvedDate: postDate(facts.solvedAt, timeZone),
    promisedDate: facts.promisedDate ? postDate(facts.promisedDate, timeZone) : '',
    appealCount: String(facts.appealCount),
  };
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name: string) => {
    const value = (values as Record<string, string | undefined>)[name];
    return value !== undefined && value !== '' ? value : whole;
  });
}
