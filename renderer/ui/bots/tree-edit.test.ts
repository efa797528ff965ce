import { describe, expect, it } from 'vitest';
import { addTopic, blankTopic, freshTopicId, removeTopic, updateTopic } from './tree-edit';

describe('editing a bot’s topic tree', () => {
  const tree = [{ ...blankTopic('health', 'Здоровье'), children: [blankTopic('record', 'Запись')] }, blankTopic('roads', 'Дороги')];

  it('adds a topic at the top or under another, changes one deep in the tree, and removes one with its subtopics', () => {
    const added = addTopic(tree, 'record', blankTopic('topic-1', 'Новая тема'));
    expect(added[0]!.children[0]!.children.map((t) => t.id)).toEqual(['topic-1']);
    expect(addTopic(tree, null, blankTopic('topic-1', 'x')).map((t) => t.id)).toEqual(['health', 'roads', 'topic-1']);
    expect(updateTopic(added, 'topic-1', { title: 'Талоны' })[0]!.children[0]!.children[0]!.title).toBe('Талоны');
    expect(removeTopic(added, 'health').map((t) => t.id)).toEqual(['roads']);
    // The original is left as it was: the editor's undo and a failed publish rely on that.
    expect(tree[0]!.children[0]!.children).toEqual([]);
  });

  it('makes a code no topic has', () => {
    expect(freshTopicId(tree)).toBe('topic-1');
    expect(freshTopicId(addTopic(tree, 'record', blankTopic('topic-1', 'x')))).toBe('topic-2');
  });
});
