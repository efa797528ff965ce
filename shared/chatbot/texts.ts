import type { AppealStatus } from '../domain';
import type { BotMessage } from './dialog';

/** The bot's words about appeals, in one place so every platform says the same. */

const STATUS_WORDS: Readonly<Record<AppealStatus, string>> = {
  new: 'принято',
  assigned: 'передано исполнителю',
  in_progress: 'в работе',
  clarification: 'нужно уточнение',
  forwarded: 'перенаправлено',
  answered: 'дан ответ',
  resolved: 'решено',
  closed: 'закрыто',
};

export function statusWord(status: AppealStatus): string {
  return STATUS_WORDS[status];
}

function day(iso: string): string {
  const [y, m, d] = iso.slice(0, 10).split('-');
  return `${d}.${m}.${y}`;
}

export function appealFiledMessage(number: string, dueAt: string): BotMessage {
  return {
    text: `Ваше обращение № ${number} принято. Ответ будет не позднее ${day(dueAt)}. Ответ придёт сюда, в этот чат.`,
    buttons: [],
  };
}

export interface MyAppeal {
  number: string;
  status: AppealStatus;
  topic: string;
  createdAt: string;
  dueAt: string;
}

export function myAppealsMessage(appeals: readonly MyAppeal[]): BotMessage {
  if (appeals.length === 0) return { text: 'У вас пока нет обращений.', buttons: [] };
  const lines = appeals.map((a) => `№ ${a.number} от ${day(a.createdAt)} — ${a.topic}: ${statusWord(a.status)}`);
  return { text: `Ваши обращения:\n${lines.join('\n')}`, buttons: [] };
}

/** Said instead when a topic's answer is only files and the platform took none of them. */
export const FILE_NOT_SENT = 'Файл не удалось отправить. Попробуйте позже.';

/** The text of a bot message whose files went up (`sent` of `tried`): its own, or FILE_NOT_SENT when it has none and no file went. */
export function textBesideFiles(text: string, tried: number, sent: number): string {
  return text.trim() === '' && tried > 0 && sent === 0 ? FILE_NOT_SENT : text;
}
