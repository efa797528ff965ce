import { allTopics, type BotFile, type BotTopic, type BotTree } from '../../shared/chatbot/model';
import type { Queryable } from '../db/types';

/** A bot's uploaded files as the tree names them: id, name, type and size (no bytes). */
export async function botFiles(q: Queryable, botId: string): Promise<Map<string, BotFile>> {
  const res = await q.query<{ id: string; name: string; mime: string; size: number }>('SELECT id, name, mime, size FROM bot_files WHERE bot_id = $1', [botId]);
  return new Map(res.rows.map((r) => [r.id, { id: r.id, name: r.name, mime: r.mime, size: Number(r.size) }]));
}

/**
 * Before a publish: every file a topic names must be one uploaded for this bot (a file of another
 * bot, or an id made up, is a problem in the screen's words), and its name, type and size are the
 * stored ones, whatever the request said.
 */
export async function resolveTreeFiles(q: Queryable, botId: string, tree: BotTree): Promise<{ tree: BotTree; problems: string[] }> {
  const named = allTopics(tree.topics).some((t) => (t.files ?? []).length > 0);
  if (!named) return { tree, problems: [] };
  const stored = await botFiles(q, botId);
  const problems: string[] = [];
  const fix = (topics: BotTopic[]): BotTopic[] =>
    topics.map((t) => {
      const files = (t.files ?? []).flatMap((f) => {
        const known = stored.get(f.id);
        if (!known) problems.push(`Файл «${f.name}» темы «${t.title}» не загружен: загрузите его снова`);
        return known ? [known] : [];
      });
      return { ...t, ...(t.files ? { files } : {}), children: fix(t.children) };
    });
  const fixed = { ...tree, topics: fix(tree.topics) };
  return { tree: fixed, problems };
}
