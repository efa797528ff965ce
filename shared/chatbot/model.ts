import { z } from 'zod';
import { idSchema } from '../domain';

/**
 * A topic chat-bot (issue 13): a supervisor builds a tree of topics without a programmer; each
 * topic is a button, and a leaf holds a ready answer, questions to ask and whether it becomes an
 * appeal for a body. The tree is versioned: a published version is never edited, a new one is made.
 */

/** Telegram's callback_data takes 1-64 bytes: a topic id must fit beside a conversation nonce. */
export const TOPIC_ID_MAX_LENGTH = 24;
/** Telegram cuts an inline button's text visually past ~64 characters; VK's label takes 40. */
export const TOPIC_TITLE_MAX_LENGTH = 40;
export const ANSWER_MAX_LENGTH = 3500;
export const MAX_TREE_DEPTH = 4;
/** A number the citizen can type from one line of a menu; VK keyboards take 10 rows. */
export const MAX_CHILDREN = 9;
export const MAX_TOPICS = 200;

export const QUESTION_KINDS = ['settlement', 'phone', 'text'] as const;
export const questionKindSchema = z.enum(QUESTION_KINDS);
export type QuestionKind = z.infer<typeof questionKindSchema>;

const topicIdSchema = z.string().regex(/^[a-z0-9_-]+$/).min(1).max(TOPIC_ID_MAX_LENGTH);

export const botLinkSchema = z.object({
  title: z.string().trim().min(1).max(100),
  url: z.string().url().max(2048).refine((u) => /^https?:\/\//.test(u), 'only http(s) links'),
});
export type BotLink = z.infer<typeof botLinkSchema>;

/** What a topic's ready answer may carry: the reply attachments' types (PDF memos, photos), up to 10 MB each. */
export const TOPIC_FILES_MAX = 5;

/**
 * A file sent with a topic's ready answer: uploaded on «Чат-боты» (kept in bot_files on the server,
 * which sends the bytes); the tree holds only its id and what the screen shows.
 */
export const botFileSchema = z.object({
  id: idSchema,
  name: z.string().trim().min(1).max(255),
  mime: z.string().min(1).max(100),
  size: z.number().int().positive(),
});
export type BotFile = z.infer<typeof botFileSchema>;

export const botQuestionSchema = z.object({
  kind: questionKindSchema,
  prompt: z.string().trim().min(1).max(500),
});
export type BotQuestion = z.infer<typeof botQuestionSchema>;

export interface BotTopic {
  id: string;
  title: string;
  /** The ready answer; on a topic with children it is said above the sub-menu. */
  answer: string;
  links: BotLink[];
  /** Sent after the answer's text; a tree published before files existed has none. */
  files?: BotFile[];
  questions: BotQuestion[];
  /** A leaf that becomes an appeal in this body once its questions are answered. */
  appealBodyId: string | null;
  children: BotTopic[];
}

export const botTopicSchema: z.ZodType<BotTopic> = z.lazy(() =>
  z.object({
    id: topicIdSchema,
    title: z.string().trim().min(1).max(TOPIC_TITLE_MAX_LENGTH),
    answer: z.string().max(ANSWER_MAX_LENGTH),
    links: z.array(botLinkSchema).max(10),
    files: z.array(botFileSchema).max(TOPIC_FILES_MAX).optional(),
    questions: z.array(botQuestionSchema).max(5),
    appealBodyId: idSchema.nullable(),
    children: z.array(botTopicSchema).max(MAX_CHILDREN),
  }),
);

export const botTreeSchema = z
  .object({
    greeting: z.string().trim().min(1).max(1000),
    topics: z.array(botTopicSchema).min(1).max(MAX_CHILDREN),
  })
  .superRefine((tree, ctx) => {
    for (const problem of treeProblems(tree)) ctx.addIssue({ code: 'custom', message: problem });
  });
export type BotTree = z.infer<typeof botTreeSchema>;

/** What a supervisor must fix before publishing, in Russian, for the screen. */
export function treeProblems(tree: { topics: BotTopic[] }): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  let count = 0;
  const walk = (topics: BotTopic[], depth: number): void => {
    for (const t of topics) {
      count += 1;
      if (seen.has(t.id)) problems.push(`Повторяется код темы «${t.id}»`);
      seen.add(t.id);
      if (depth > MAX_TREE_DEPTH) problems.push(`Тема «${t.title}» вложена глубже ${MAX_TREE_DEPTH} уровней`);
      if (t.children.length > 0) {
        if (t.appealBodyId !== null || t.questions.length > 0) {
          problems.push(`Тема «${t.title}» с подтемами не может сама становиться обращением`);
        }
      } else if (t.appealBodyId === null && t.answer.trim() === '' && (t.files ?? []).length === 0) {
        problems.push(`У темы «${t.title}» нет ни готового ответа, ни обращения`);
      }
      if (t.appealBodyId === null && t.questions.length > 0) {
        problems.push(`Тема «${t.title}» задаёт вопросы, но не становится обращением`);
      }
      walk(t.children, depth + 1);
    }
  };
  walk(tree.topics, 1);
  if (count > MAX_TOPICS) problems.push(`Больше ${MAX_TOPICS} тем`);
  return problems;
}

/** Every file the tree's answers send, once each. */
export function treeFiles(topics: readonly BotTopic[]): BotFile[] {
  const seen = new Map<string, BotFile>();
  for (const t of allTopics(topics)) for (const f of t.files ?? []) seen.set(f.id, f);
  return [...seen.values()];
}

export function findTopic(topics: readonly BotTopic[], id: string): BotTopic | null {
  for (const t of topics) {
    if (t.id === id) return t;
    const inner = findTopic(t.children, id);
    if (inner) return inner;
  }
  return null;
}

/** The chain of topics from the root to `id`, or null when the tree has no such topic. */
export function topicPath(topics: readonly BotTopic[], id: string): BotTopic[] | null {
  for (const t of topics) {
    if (t.id === id) return [t];
    const inner = topicPath(t.children, id);
    if (inner) return [t, ...inner];
  }
  return null;
}

export function allTopics(topics: readonly BotTopic[]): BotTopic[] {
  return topics.flatMap((t) => [t, ...allTopics(t.children)]);
}

export const BOT_NAME_MAX_LENGTH = 100;

export const botSchema = z.object({
  id: idSchema,
  name: z.string().trim().min(1).max(BOT_NAME_MAX_LENGTH),
  /** The connected channels it answers in: an event on one of them goes to the bot, not to intake. */
  channelIds: z.array(idSchema).max(20),
  enabled: z.boolean(),
  /** The published version citizens talk to; 0 before the first publish. */
  version: z.number().int().nonnegative(),
});
export type Bot = z.infer<typeof botSchema>;
