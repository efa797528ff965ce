import { describe, expect, it } from 'vitest';
import { canSplitReply, replyParts, splitReply } from './split';

const sentence = (n: number) => `Предложение номер ${n} о ремонте дороги во дворе.`;

describe('splitReply', () => {
  it('leaves a text that fits as one part without a marker', () => {
    expect(splitReply('  Ответ.  ', 100)).toEqual(['Ответ.']);
  });

  it('cuts at paragraph ends, numbers the parts and keeps each within the limit', () => {
    const para = (n: number) => Array.from({ length: 5 }, (_, i) => sentence(n * 10 + i)).join(' ');
    const text = [para(1), para(2), para(3)].join('\n\n');
    const limit = para(1).length + 20;
    const parts = splitReply(text, limit);
    expect(parts).toEqual([`(1/3) ${para(1)}`, `(2/3) ${para(2)}`, `(3/3) ${para(3)}`]);
    for (const p of parts) expect(p.length).toBeLessThanOrEqual(limit);
  });

  it('cuts at sentence ends when a paragraph is longer than a message, losing no word', () => {
    const text = Array.from({ length: 40 }, (_, i) => sentence(i)).join(' ');
    const parts = splitReply(text, 300);
    expect(parts.length).toBeGreaterThan(1);
    parts.forEach((p, i) => {
      expect(p.length).toBeLessThanOrEqual(300);
      expect(p.startsWith(`(${i + 1}/${parts.length}) `)).toBe(true);
      // Every part ends where a sentence ends.
      expect(p.endsWith('.')).toBe(true);
    });
    const joined = parts.map((p) => p.replace(/^\(\d+\/\d+\) /, '')).join(' ');
    expect(joined).toBe(text);
  });

  it('cuts a run without sentence ends at a space, and a word longer than a message inside it', () => {
    const words = Array.from({ length: 100 }, () => 'слово').join(' ');
    for (const p of splitReply(words, 50)) {
      expect(p.length).toBeLessThanOrEqual(50);
      expect(p).toMatch(/^\(\d+\/\d+\) слово( слово)*$/);
    }
    const long = 'а'.repeat(120);
    const parts = splitReply(long, 50);
    expect(parts.map((p) => p.replace(/^\(\d+\/\d+\) /, '')).join('')).toBe(long);
    for (const p of parts) expect(p.length).toBeLessThanOrEqual(50);
  });

  it('makes room for a two-digit count when the parts reach ten', () => {
    const text = Array.from({ length: 60 }, (_, i) => sentence(i)).join(' ');
    const parts = splitReply(text, 200);
    expect(parts.length).toBeGreaterThanOrEqual(10);
    expect(parts[0]!.startsWith(`(1/${parts.length}) `)).toBe(true);
    for (const p of parts) expect(p.length).toBeLessThanOrEqual(200);
  });
});

describe('replyParts', () => {
  it('offers parts for a dialog channel only when the reply is too long for it', () => {
    expect(replyParts('telegram', 'Коротко.')).toBeNull();
    const long = Array.from({ length: 200 }, (_, i) => sentence(i)).join(' ');
    expect(long.length).toBeGreaterThan(4096);
    const parts = replyParts('telegram', long)!;
    expect(parts.length).toBe(Math.ceil(long.length / 4000));
    for (const p of parts) expect(p.length).toBeLessThanOrEqual(4096);
  });

  it('offers none where the platform takes one answer per appeal', () => {
    expect(canSplitReply('pos')).toBe(false);
    expect(replyParts('pos', 'а '.repeat(3000))).toBeNull();
    expect(canSplitReply('vk')).toBe(true);
  });
});
