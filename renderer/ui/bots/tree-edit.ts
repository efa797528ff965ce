import type { BotTopic } from '../../../shared/chatbot/model';

/** Edits of a bot's topic tree, each returning a new tree (the editor keeps the draft immutable). */

export function updateTopic(topics: readonly BotTopic[], id: string, patch: Partial<BotTopic>): BotTopic[] {
  return topics.map((t) => (t.id === id ? { ...t, ...patch } : { ...t, children: updateTopic(t.children, id, patch) }));
}

/** Adds `topic` under `parentId` (null: at the top), last. */
export function addTopic(topics: readonly BotTopic[], parentId: string | null, topic: BotTopic): BotTopic[] {
  if (parentId === null) return [...topics, topic];
  return topics.map((t) => (t.id === parentId ? { ...t, children: [...t.children, topic] } : { ...t, children: addTopic(t.children, parentId, topic) }));
}

export function removeTopic(topics: readonly BotTopic[], id: string): BotTopic[] {
  return topics.filter((t) => t.id !== id).map((t) => ({ ...t, children: removeTopic(t.children, id) }));
}

/** A code no topic of the tree has: `topic-1`, `topic-2`, … */
export function freshTopicId(topics: readonly BotTopic[]): string {
  const used = new Set<string>();
  const walk = (list: readonly BotTopic[]) => list.forEach((t) => (used.add(t.id), walk(t.children)));
  walk(topics);
  let n = 1;
  while (used.has(`topic-${n}`)) n++;
  return `topic-${n}`;
}

export function blankTopic(id: string, title: string): BotTopic {
  return { id, title, answer: '', links: [], questions: [], appealBodyId: null, children: [] };
}
