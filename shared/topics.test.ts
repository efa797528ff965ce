import { describe, expect, it } from 'vitest';
import { TOPICS, topicMask, topicsOf } from './topics';

const ids = (text: string) => topicsOf(text).map((t) => t.id);

describe('leading topics of a text', () => {
  it('finds «единое пособие» in any of its forms, and only as a phrase', () => {
    expect(ids('Мне отказали в назначении единого пособия на детей')).toEqual(['unified_benefit']);
    expect(ids('Единое пособие пришло в меньшем размере')).toEqual(['unified_benefit']);
    expect(ids('Подала заявление на ЕДИНОЕ ПОСОБИЕ через Госуслуги')).toEqual(['unified_benefit']);
    expect(ids('Пособие по уходу не платят, единственный выход — суд')).toEqual([]);
  });

  it('an appeal may touch several topics, each once', () => {
    expect(ids('Мусоровоз не приезжает, контейнеры переполнены, рядом стихийная свалка, свалка растёт')).toEqual([
      'waste_pickup',
      'illegal_dumps',
    ]);
  });

  it('whole-word stems do not catch longer words', () => {
    expect(ids('Газель маршрута №5 не ходит по расписанию')).toEqual(['bus_schedule']);
    expect(ids('Нет газа третий день')).toEqual(['gas']);
    expect(ids('После травмы не могу попасть к врачу')).toEqual([]);
  });

  it('a text about nothing on the list has no topics', () => {
    expect(topicMask('Благодарим за праздник ко Дню Республики!')).toBe(0);
    expect(TOPICS.length).toBeLessThan(32);
  });
});
