import { z } from 'zod';
import { idSchema } from '../domain';
import {
  allTopics,
  botSchema,
  botTreeSchema,
  topicPath,
  treeProblems,
  BOT_NAME_MAX_LENGTH,
  MAX_CHILDREN,
  TOPIC_ID_MAX_LENGTH,
  TOPIC_TITLE_MAX_LENGTH,
  type BotTopic,
  type BotTree,
} from './model';

/**
 * The «Чат-боты» screen's wire: a supervisor lists the bots with their published trees and
 * figures, creates one, renames it, switches it on or off, chooses its channels and publishes a
 * new version of its tree (the server validates the tree with botTreeSchema and says what is
 * wrong in the screen's words, shared/chatbot/model.ts treeProblems).
 */

export const botCreateSchema = z.object({ name: z.string().trim().min(1).max(BOT_NAME_MAX_LENGTH), channelIds: z.array(idSchema).max(20).default([]) });
export const botUpdateSchema = z.object({
  name: z.string().trim().min(1).max(BOT_NAME_MAX_LENGTH).optional(),
  enabled: z.boolean().optional(),
  channelIds: z.array(idSchema).max(20).optional(),
});
/** `baseVersion`: the version the editor opened; a publish made since then is refused (409 stale_version), not overwritten. */
export const botPublishSchema = z.object({ tree: botTreeSchema, baseVersion: z.number().int().nonnegative().optional() });

/** One topic's figures over the period: opened, answered with its ready answer, made an appeal. */
export interface TopicFigures {
  topicId: string;
  /** «Родитель → Тема», as the citizen went through the menu (and as the bot writes it on the appeal). */
  path: string;
  taken: number;
  answered: number;
  appeals: number;
  /** Of those appeals, answered by their first-response deadline. */
  onTime: number;
  /** Opened in the last 7 days: «most asked this week». */
  week: number;
}

export const topicFiguresSchema = z.object({
  topicId: z.string(),
  path: z.string(),
  taken: z.number(),
  answered: z.number(),
  appeals: z.number(),
  onTime: z.number(),
  week: z.number(),
});

export const botViewSchema = botSchema.extend({
  /** The published tree; null before the first publish. */
  tree: botTreeSchema.nullable(),
  figures: z.array(topicFiguresSchema),
  /** Dialogs started and appeals filed over the period, for the whole bot. */
  started: z.number(),
  filed: z.number(),
});
export type BotView = z.infer<typeof botViewSchema>;
export const botListSchema = z.object({ bots: z.array(botViewSchema), days: z.number() });

export const BOT_FIGURES_DAYS = 30;

/**
 * The figures of a tree's topics from the bot's topic events (counted per topic and outcome, with
 * `appeal_on_time` and `taken_week` counted by the server alongside), in the tree's order; a topic
 * gone from the tree since keeps its figures under its id.
 */
export function topicFigures(tree: Pick<BotTree, 'topics'> | null, counts: ReadonlyArray<{ topicId: string; outcome: string; n: number }>): TopicFigures[] {
  const by = new Map<string, TopicFigures>();
  const row = (topicId: string): TopicFigures => {
    let r = by.get(topicId);
    if (!r) {
      const path = tree ? topicPath(tree.topics, topicId) : null;
      r = { topicId, path: path ? path.map((t) => t.title).join(' → ') : topicId, taken: 0, answered: 0, appeals: 0, onTime: 0, week: 0 };
      by.set(topicId, r);
    }
    return r;
  };
  for (const t of tree ? allTopics(tree.topics) : []) row(t.id);
  for (const c of counts) {
    const r = row(c.topicId);
    if (c.outcome === 'taken') r.taken += c.n;
    else if (c.outcome === 'answered') r.answered += c.n;
    else if (c.outcome === 'appeal') r.appeals += c.n;
    else if (c.outcome === 'appeal_on_time') r.onTime += c.n;
    else if (c.outcome === 'taken_week') r.week += c.n;
  }
  return [...by.values()];
}

const TOPIC_ID = /^[a-z0-9_-]+$/;

/**
 * Everything the editor must say about a draft before it is published, in Russian: the tree's
 * rules (treeProblems) and each field the schema would refuse. A draft with none publishes.
 */
export function draftProblems(tree: { greeting: string; topics: BotTopic[] }): string[] {
  const out: string[] = [];
  if (tree.greeting.trim() === '') out.push('Напишите приветствие');
  if (tree.topics.length === 0) out.push('Добавьте хотя бы одну тему');
  for (const t of allTopics(tree.topics)) {
    const name = t.title.trim() || t.id;
    if (t.title.trim() === '') out.push(`У темы «${t.id}» нет названия`);
    if (t.title.length > TOPIC_TITLE_MAX_LENGTH) out.push(`Название темы «${name}» длиннее ${TOPIC_TITLE_MAX_LENGTH} знаков`);
    if (!TOPIC_ID.test(t.id) || t.id.length > TOPIC_ID_MAX_LENGTH) out.push(`Код темы «${name}»: только латинские буквы, цифры, - и _, до ${TOPIC_ID_MAX_LENGTH} знаков`);
    if (t.children.length > MAX_CHILDREN) out.push(`У темы «${name}» больше ${MAX_CHILDREN} подтем`);
    if (t.questions.some((q) => q.prompt.trim() === '')) out.push(`У темы «${name}» есть вопрос без текста`);
    for (const l of t.links) {
      if (l.title.trim() === '') out.push(`У ссылки в теме «${name}» нет текста`);
      if (!/^https?:\/\/[^\s/]+\.[^\s]+$/.test(l.url)) out.push(`Ссылка «${l.title || l.url}» в теме «${name}» — не адрес сайта (https://…)`);
    }
  }
  if (tree.topics.length > MAX_CHILDREN) out.push(`Больше ${MAX_CHILDREN} тем верхнего уровня`);
  return [...new Set([...out, ...treeProblems(tree)])];
}

/** GET /bots/channels: where a bot may run. */
/** A published version of a bot's tree, newest first on «Чат-боты»: kept, and restorable by publishing it again. */
export const botVersionSchema = z.object({
  version: z.number().int().positive(),
  publishedAt: z.string(),
  publishedBy: z.string().nullable(),
  tree: botTreeSchema,
});
export type BotVersion = z.infer<typeof botVersionSchema>;
export const botVersionsSchema = z.object({ versions: z.array(botVersionSchema) });
/** How many past versions the screen lists. */
export const BOT_VERSIONS_SHOWN = 20;

export const botChannelsSchema = z.object({ channels: z.array(z.object({ id: z.string(), name: z.string(), platform: z.string() })) });
