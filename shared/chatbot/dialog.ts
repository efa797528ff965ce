import { z } from 'zod';
import { allTopics, findTopic, topicPath, type BotFile, type BotQuestion, type BotTopic, type BotTree } from './model';

/**
 * The bot's dialog as a pure state machine: (state, the citizen's input, the tree) → the next state,
 * the messages to send, and maybe an effect the server carries out (file an appeal, list the
 * citizen's appeals). The server keeps the state per (channel, citizen) in its database, so a
 * restart between two messages loses nothing, and every platform gets the same dialog.
 */

/** A free-text message longer than this is refused politely rather than cut. */
export const MESSAGE_MAX_LENGTH = 2000;
export const RATE_LIMIT = { max: 20, windowMs: 60_000 } as const;

export const dialogStateSchema = z.object({
  /** Random per conversation: a button's data carries it, so data forged or from another chat is refused. */
  nonce: z.string().regex(/^[a-z0-9]{6,12}$/),
  /** The tree version the state refers to; a newer tree resets a position that no longer exists. */
  version: z.number().int().nonnegative(),
  /** The menu the citizen is in: a topic with children, or null for the top. */
  at: z.string().max(64).nullable(),
  asking: z
    .object({
      topicId: z.string().max(64),
      index: z.number().int().nonnegative(),
      answers: z.array(z.string().max(MESSAGE_MAX_LENGTH)).max(10),
    })
    .nullable(),
  /** Times (ms) of the last messages, for the per-person rate limit. */
  hits: z.array(z.number()).max(RATE_LIMIT.max + 1),
  /** Set once the citizen was told to slow down, so the refusal is said once, not to every message. */
  muted: z.boolean(),
});
export type DialogState = z.infer<typeof dialogStateSchema>;

export type CitizenInput = { kind: 'text'; text: string } | { kind: 'button'; data: string };

export interface BotButton {
  label: string;
  /** callback_data on Telegram, payload on VK and MAX: `<nonce>:<action>`, at most 64 bytes. */
  data: string;
}
export interface BotMessage {
  /** Plain text: platforms show it as it is; the numbered menu in it is the fallback for no buttons. */
  text: string;
  buttons: BotButton[][];
  /** A topic's files, sent after the text (the text may be empty when the files are the answer). */
  files?: BotFile[];
}

export interface AppealToFile {
  kind: 'file_appeal';
  topicId: string;
  topicTitle: string;
  bodyId: string;
  text: string;
  settlement: string | null;
  phone: string | null;
}
export type DialogEffect = AppealToFile | { kind: 'list_appeals' };

/** For the per-topic figures: a leaf reached, answered by its ready answer alone, or turned into an appeal. */
export type TopicStat = { topicId: string; outcome: 'taken' | 'answered' | 'appeal' };

export interface DialogStep {
  state: DialogState;
  messages: BotMessage[];
  effect: DialogEffect | null;
  stats: TopicStat[];
}

export const MY_APPEALS_LABEL = 'Мои обращения';
const HINT = 'Напишите номер темы или нажмите кнопку.';

export function startState(nonce: string, version: number): DialogState {
  return { nonce, version, at: null, asking: null, hits: [], muted: false };
}

type Action = { kind: 'topic'; id: string } | { kind: 'back' } | { kind: 'home' } | { kind: 'mine' } | { kind: 'cancel' };

function encode(state: DialogState, action: Action): string {
  return `${state.nonce}:${action.kind === 'topic' ? `t:${action.id}` : action.kind}`;
}

/** Button data is the citizen's to forge: it counts only with this conversation's nonce and a topic of this tree. */
function decode(state: DialogState, tree: BotTree, data: string): Action | null {
  const [nonce, kind, id, ...rest] = data.split(':');
  if (nonce !== state.nonce || rest.length > 0) return null;
  if (kind === 't' && id !== undefined) return findTopic(tree.topics, id) ? { kind: 'topic', id } : null;
  if (id !== undefined) return null;
  if (kind === 'back' || kind === 'home' || kind === 'mine' || kind === 'cancel') return { kind };
  return null;
}

function menuOf(tree: BotTree, at: string | null): BotTopic[] {
  if (at === null) return tree.topics;
  return findTopic(tree.topics, at)?.children ?? tree.topics;
}

export function menuMessage(state: DialogState, tree: BotTree, intro: string): BotMessage {
  const topics = menuOf(tree, state.at);
  const lines = topics.map((t, i) => `${i + 1}. ${t.title}`);
  if (state.at !== null) lines.push('0. Назад');
  const buttons: BotButton[][] = topics.map((t) => [{ label: t.title, data: encode(state, { kind: 'topic', id: t.id }) }]);
  const last: BotButton[] = [];
  if (state.at !== null) last.push({ label: 'Назад', data: encode(state, { kind: 'back' }) });
  last.push({ label: MY_APPEALS_LABEL, data: encode(state, { kind: 'mine' }) });
  buttons.push(last);
  const head = intro.trim() === '' ? '' : `${intro.trim()}\n\n`;
  return { text: `${head}${lines.join('\n')}\n\n${HINT} «${MY_APPEALS_LABEL}» — ваши обращения и их состояние.`, buttons };
}

function questionsOf(topic: BotTopic): BotQuestion[] {
  if (topic.questions.some((q) => q.kind === 'text')) return topic.questions;
  // An appeal needs the citizen's own words even when the supervisor asked only for a place or a phone.
  return [...topic.questions, { kind: 'text', prompt: 'Опишите ваш вопрос одним сообщением.' }];
}

function questionMessage(state: DialogState, q: BotQuestion): BotMessage {
  return {
    text: `${q.prompt}\n\nЧтобы отменить, напишите «отмена».`,
    buttons: [[{ label: 'Отмена', data: encode(state, { kind: 'cancel' }) }]],
  };
}

function answerText(topic: BotTopic): string {
  const links = topic.links.map((l) => `${l.title}: ${l.url}`);
  return [topic.answer.trim(), ...links].filter((s) => s !== '').join('\n');
}

function parentOf(tree: BotTree, id: string): string | null {
  const path = topicPath(tree.topics, id);
  return path && path.length > 1 ? path[path.length - 2]!.id : null;
}

/** The position of a state made on an older tree, kept where the new tree still has it. */
function reconcile(state: DialogState, tree: BotTree, version: number): DialogState {
  if (state.version === version) return state;
  const at = state.at !== null && (findTopic(tree.topics, state.at)?.children.length ?? 0) > 0 ? state.at : null;
  const topic = state.asking ? findTopic(tree.topics, state.asking.topicId) : null;
  const asking = state.asking && topic && topic.appealBodyId !== null && state.asking.index < questionsOf(topic).length ? state.asking : null;
  return { ...state, version, at, asking };
}

function normalizePhone(text: string): string | null {
  const digits = text.replace(/\D/g, '');
  if (/^[78]\d{10}$/.test(digits)) return `+7${digits.slice(1)}`;
  if (/^9\d{9}$/.test(digits)) return `+7${digits}`;
  return null;
}

function textCommand(text: string, state: DialogState, tree: BotTree): Action | 'invalid' {
  const t = text.trim().toLowerCase().replace(/\s+/g, ' ');
  if (t === '/start' || t === 'меню' || t === 'начало' || t === 'start') return { kind: 'home' };
  if (t === MY_APPEALS_LABEL.toLowerCase()) return { kind: 'mine' };
  if (t === 'отмена') return { kind: 'cancel' };
  if (state.asking) return 'invalid';
  if (t === '0' || t === 'назад') return state.at === null ? { kind: 'home' } : { kind: 'back' };
  const topics = menuOf(tree, state.at);
  if (/^\d{1,2}\.?$/.test(t)) {
    const topic = topics[Number.parseInt(t, 10) - 1];
    return topic ? { kind: 'topic', id: topic.id } : 'invalid';
  }
  // A VK keyboard's text button, or a citizen typing the title itself.
  const byTitle = topics.find((x) => x.title.toLowerCase() === t);
  return byTitle ? { kind: 'topic', id: byTitle.id } : 'invalid';
}

/**
 * One step of the dialog. `version` is the tree's published version; `now` is in ms.
 */
export function step(prev: DialogState, input: CitizenInput, tree: BotTree, version: number, now: number): DialogStep {
  const hits = [...prev.hits.filter((t) => now - t < RATE_LIMIT.windowMs), now].slice(-(RATE_LIMIT.max + 1));
  if (hits.length > RATE_LIMIT.max) {
    const said = prev.muted;
    return {
      state: { ...prev, hits, muted: true },
      messages: said ? [] : [{ text: 'Вы пишете слишком часто. Пожалуйста, подождите минуту — мы обязательно ответим.', buttons: [] }],
      effect: null,
      stats: [],
    };
  }
  let state = reconcile({ ...prev, hits, muted: false }, tree, version);
  const out = (messages: BotMessage[], effect: DialogEffect | null = null, stats: TopicStat[] = []): DialogStep => ({ state, messages, effect, stats });

  if (input.kind === 'text' && input.text.length > MESSAGE_MAX_LENGTH) {
    return out([{ text: `Сообщение слишком длинное: не больше ${MESSAGE_MAX_LENGTH} знаков. Пожалуйста, сократите его и отправьте снова.`, buttons: [] }]);
  }

  let action: Action | 'invalid' | 'stale';
  if (input.kind === 'button') action = decode(state, tree, input.data) ?? 'stale';
  else action = textCommand(input.text, state, tree);

  if (action === 'invalid' && state.asking && input.kind === 'text') return answerQuestion(state, input.text, tree, out, (s) => (state = s));
  if (action === 'stale') return out([menuMessage(state, tree, 'Эта кнопка устарела. Выберите тему заново.')]);
  if (action === 'invalid') return out([menuMessage(state, tree, state.at === null && prev.hits.length === 0 ? tree.greeting : 'Не понял вас.')]);

  switch (action.kind) {
    case 'home':
      state = { ...state, at: null, asking: null };
      return out([menuMessage(state, tree, tree.greeting)]);
    case 'back':
      state = { ...state, at: state.at === null ? null : parentOf(tree, state.at), asking: null };
      return out([menuMessage(state, tree, '')]);
    case 'cancel':
      state = { ...state, asking: null };
      return out([menuMessage(state, tree, 'Хорошо, отменено.')]);
    case 'mine':
      state = { ...state, asking: null };
      return out([], { kind: 'list_appeals' });
    case 'topic':
      return openTopic(state, findTopic(tree.topics, action.id)!, tree, out, (s) => (state = s));
  }
}

type Out = (messages: BotMessage[], effect?: DialogEffect | null, stats?: TopicStat[]) => DialogStep;

function openTopic(state: DialogState, topic: BotTopic, tree: BotTree, out: Out, set: (s: DialogState) => void): DialogStep {
  if (topic.children.length > 0) {
    set({ ...state, at: topic.id, asking: null });
    return out([withFiles(menuMessage({ ...state, at: topic.id }, tree, answerText(topic)), topic)]);
  }
  const taken: TopicStat = { topicId: topic.id, outcome: 'taken' };
  if (topic.appealBodyId !== null) {
    const next = { ...state, at: parentOf(tree, topic.id), asking: { topicId: topic.id, index: 0, answers: [] } };
    set(next);
    const intro = answerText(topic);
    const q = questionMessage(next, questionsOf(topic)[0]!);
    return out(intro === '' && !topic.files?.length ? [q] : [withFiles({ text: intro, buttons: [] }, topic), q], null, [taken]);
  }
  const next = { ...state, at: parentOf(tree, topic.id), asking: null };
  set(next);
  return out([withFiles({ text: answerText(topic), buttons: [] }, topic), menuMessage(next, tree, 'Остались вопросы? Выберите тему.')], null, [
    taken,
    { topicId: topic.id, outcome: 'answered' },
  ]);
}

function withFiles(message: BotMessage, topic: BotTopic): BotMessage {
  return topic.files && topic.files.length > 0 ? { ...message, files: topic.files } : message;
}

function answerQuestion(state: DialogState, text: string, tree: BotTree, out: Out, set: (s: DialogState) => void): DialogStep {
  const asking = state.asking!;
  const topic = findTopic(tree.topics, asking.topicId)!;
  const questions = questionsOf(topic);
  const q = questions[asking.index]!;
  const trimmed = text.trim();
  let value: string | null = trimmed;
  if (q.kind === 'phone') value = normalizePhone(trimmed);
  else if (q.kind === 'settlement') value = trimmed.length >= 2 && trimmed.length <= 100 ? trimmed : null;
  else value = trimmed.length >= 3 ? trimmed : null;
  if (value === null) {
    const why =
      q.kind === 'phone'
        ? 'Не похоже на номер телефона. Напишите, например: +7 900 123-45-67.'
        : q.kind === 'settlement'
          ? 'Напишите название населённого пункта.'
          : 'Напишите, пожалуйста, подробнее.';
    return out([{ text: why, buttons: [] }, questionMessage(state, q)]);
  }
  const answers = [...asking.answers, value];
  if (answers.length < questions.length) {
    const next = { ...state, asking: { ...asking, index: asking.index + 1, answers } };
    set(next);
    return out([questionMessage(next, questions[asking.index + 1]!)]);
  }
  set({ ...state, asking: null });
  const pick = (kind: BotQuestion['kind']): string[] => questions.flatMap((x, i) => (x.kind === kind ? [answers[i]!] : []));
  const path = (topicPath(tree.topics, topic.id) ?? [topic]).map((t) => t.title).join(' → ');
  const effect: AppealToFile = {
    kind: 'file_appeal',
    topicId: topic.id,
    topicTitle: path,
    bodyId: topic.appealBodyId!,
    text: [`Тема: ${path}`, ...pick('text')].join('\n'),
    settlement: pick('settlement')[0] ?? null,
    phone: pick('phone')[0] ?? null,
  };
  return out([], effect, [{ topicId: topic.id, outcome: 'appeal' }]);
}

/** Ids of every topic in a tree, for the server to check a stored state still points into it. */
export function topicIds(tree: BotTree): Set<string> {
  return new Set(allTopics(tree.topics).map((t) => t.id));
}
