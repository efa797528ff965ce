import { describe, expect, it } from 'vitest';
import { describeRating, parseRatingAnswer, parseRatingButton, ratingButtons, ratingQuestionText, ratingReopens } from './ratings';

describe('a typed answer to the rating question', () => {
  it('reads a digit, with or without «из 5» and words after it', () => {
    expect(parseRatingAnswer('5')).toEqual({ score: 5, solved: null, comment: null });
    expect(parseRatingAnswer('  4 из 5, спасибо!  ')).toEqual({ score: 4, solved: null, comment: 'спасибо!' });
    expect(parseRatingAnswer('3/5')).toEqual({ score: 3, solved: null, comment: null });
    expect(parseRatingAnswer('Оценка: 2 долго ждали')).toEqual({ score: 2, solved: null, comment: 'долго ждали' });
  });

  it('reads «не решено» and «решено», alone or with a digit and a comment', () => {
    expect(parseRatingAnswer('Не решено, яма на месте')).toEqual({ score: null, solved: false, comment: 'яма на месте' });
    expect(parseRatingAnswer('не решена')).toEqual({ score: null, solved: false, comment: null });
    expect(parseRatingAnswer('проблема не решена 1')).toEqual({ score: 1, solved: false, comment: null });
    expect(parseRatingAnswer('Решено 5 спасибо')).toEqual({ score: 5, solved: true, comment: 'спасибо' });
    expect(parseRatingAnswer('решён')).toEqual({ score: null, solved: true, comment: null });
  });

  it('takes anything else for an ordinary message', () => {
    for (const text of ['', 'Спасибо', '6', '10 дней жду', '55', 'решетка сломана', 'нерешительность', 'У дома 5 ям', '0']) {
      expect(parseRatingAnswer(text), text).toBeNull();
    }
  });

  it('keeps a long comment to its limit', () => {
    expect(parseRatingAnswer(`5 ${'а'.repeat(5000)}`)?.comment).toHaveLength(1000);
  });
});

describe('what takes an appeal back into work', () => {
  it('is «не решено» or a score of 1 or 2', () => {
    expect(ratingReopens({ score: null, solved: false })).toBe(true);
    expect(ratingReopens({ score: 1, solved: null })).toBe(true);
    expect(ratingReopens({ score: 2, solved: true })).toBe(true);
    expect(ratingReopens({ score: 3, solved: null })).toBe(false);
    expect(ratingReopens({ score: 5, solved: true })).toBe(false);
    expect(ratingReopens({ score: null, solved: true })).toBe(false);
  });
});

describe('the buttons', () => {
  const id = '0f8e7a5c-1d2b-4c3a-9e8f-7a6b5c4d3e2f';

  it('carry the request and the value within Telegram’s 64 bytes, and read back', () => {
    const rows = ratingButtons(id);
    expect(rows.map((r) => r.map((b) => b.label))).toEqual([['1', '2', '3', '4', '5'], ['Решено', 'Не решено']]);
    for (const b of rows.flat()) expect(new TextEncoder().encode(b.data).length).toBeLessThanOrEqual(64);
    expect(parseRatingButton(rows[0]![1]!.data)).toEqual({ requestId: id, answer: { score: 2, solved: null, comment: null } });
    expect(parseRatingButton(rows[1]![1]!.data)).toEqual({ requestId: id, answer: { score: null, solved: false, comment: null } });
  });

  it('refuses data that is not ours', () => {
    for (const data of ['rt:x:5', `rt:${id}:6`, `rt:${id}:`, `bot:${id}:5`, `rt:${id}:5:extra`]) expect(parseRatingButton(data), data).toBeNull();
  });
});

describe('the texts', () => {
  it('ask with the digits as the fallback, and describe an answer for the history', () => {
    expect(ratingQuestionText('answer')).toContain('ответьте цифрой от 1 до 5');
    expect(ratingQuestionText('solved')).toContain('отмечена как решённая');
    expect(describeRating({ score: 2, solved: false, comment: 'яма на месте' })).toBe('Оценка жителя: 2 из 5, не решено — «яма на месте»');
    expect(describeRating({ score: null, solved: true, comment: null })).toBe('Оценка жителя: решено');
  });
});
