import { describe, expect, it } from 'vitest';
import { topicFigures } from './admin';
import type { BotTree } from './model';

const tree: BotTree = {
  greeting: 'Здравствуйте!',
  topics: [
    {
      id: 'health',
      title: 'Здоровье',
      answer: '',
      links: [],
      questions: [],
      appealBodyId: null,
      children: [{ id: 'record', title: 'Запись к врачу', answer: 'Записаться можно на Госуслугах.', links: [], questions: [], appealBodyId: null, children: [] }],
    },
    { id: 'roads', title: 'Дороги', answer: '', links: [], questions: [{ kind: 'text', prompt: 'Где?' }], appealBodyId: 'maykop', children: [] },
  ],
};

describe('a bot’s topic figures', () => {
  it('counts each topic’s openings, ready answers and appeals in the tree’s order, with the menu path', () => {
    const rows = topicFigures(tree, [
      { topicId: 'roads', outcome: 'taken', n: 5 },
      { topicId: 'roads', outcome: 'appeal', n: 3 },
      { topicId: 'record', outcome: 'taken', n: 2 },
      { topicId: 'record', outcome: 'answered', n: 2 },
    ]);
    expect(rows).toEqual([
      { topicId: 'health', path: 'Здоровье', taken: 0, answered: 0, appeals: 0 },
      { topicId: 'record', path: 'Здоровье › Запись к врачу', taken: 2, answered: 2, appeals: 0 },
      { topicId: 'roads', path: 'Дороги', taken: 5, answered: 0, appeals: 3 },
    ]);
  });

  it('keeps the figures of a topic removed from the tree since, under its code', () => {
    expect(topicFigures(tree, [{ topicId: 'gone', outcome: 'taken', n: 1 }]).at(-1)).toEqual({ topicId: 'gone', path: 'gone', taken: 1, answered: 0, appeals: 0 });
  });
});
