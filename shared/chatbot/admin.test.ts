import { describe, expect, it } from 'vitest';
import { draftProblems, topicFigures } from './admin';
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
      { topicId: 'roads', outcome: 'appeal_on_time', n: 2 },
      { topicId: 'roads', outcome: 'taken_week', n: 4 },
    ]);
    expect(rows).toEqual([
      { topicId: 'health', path: 'Здоровье', taken: 0, answered: 0, appeals: 0, onTime: 0, week: 0 },
      { topicId: 'record', path: 'Здоровье → Запись к врачу', taken: 2, answered: 2, appeals: 0, onTime: 0, week: 0 },
      { topicId: 'roads', path: 'Дороги', taken: 5, answered: 0, appeals: 3, onTime: 2, week: 4 },
    ]);
  });

  it('keeps the figures of a topic removed from the tree since, under its code', () => {
    expect(topicFigures(tree, [{ topicId: 'gone', outcome: 'taken', n: 1 }]).at(-1)).toEqual({ topicId: 'gone', path: 'gone', taken: 1, answered: 0, appeals: 0, onTime: 0, week: 0 });
  });
});

describe('a draft tree’s problems, in the editor’s words', () => {
  it('names an empty tree, a topic without a title, a bad code and a question without text; a good tree has none', () => {
    expect(draftProblems({ greeting: ' ', topics: [] })).toEqual(['Напишите приветствие', 'Добавьте хотя бы одну тему']);
    const bad = { ...tree, topics: [{ ...tree.topics[1]!, id: 'Дороги!', title: '', questions: [{ kind: 'text' as const, prompt: '' }] }] };
    expect(draftProblems(bad)).toEqual([
      'У темы «Дороги!» нет названия',
      'Код темы «Дороги!»: только латинские буквы, цифры, - и _, до 24 знаков',
      'У темы «Дороги!» есть вопрос без текста',
    ]);
    expect(draftProblems(tree)).toEqual([]);
    const link = { ...tree, topics: [{ ...tree.topics[0]!, links: [{ title: '', url: 'gosuslugi' }] }, tree.topics[1]!] };
    expect(draftProblems(link)).toEqual(['У ссылки в теме «Здоровье» нет текста', 'Ссылка «gosuslugi» в теме «Здоровье» — не адрес сайта (https://…)']);
  });
});
