import { describe, expect, it } from 'vitest';
import { cleanText, FORBIDDEN_CHARACTER_MESSAGE, isStorableString, machineString, proseText } from './text';

describe('cleanText (prose written by people)', () => {
  it('drops NUL and control characters but keeps tabs and line breaks', () => {
    expect(cleanText('Яма\u0000 на\u0007 дороге\r\n\tсрочно\u007f')).toBe('Яма на дороге\r\n\tсрочно');
  });

  it('replaces a lone surrogate with U+FFFD and keeps real pairs (emoji) as they are', () => {
    expect(cleanText('a\uD800b')).toBe('a\uFFFDb');
    expect(cleanText('a\uDC00')).toBe('a\uFFFD');
    expect(cleanText('спасибо 👍')).toBe('спасибо 👍');
    expect(cleanText('\uD83D\uD83D\uDC4D')).toBe('\uFFFD👍');
  });
});

describe('isStorableString (identifiers)', () => {
  it('refuses NUL and lone surrogates, takes everything else', () => {
    expect(isStorableString('a-1')).toBe(true);
    expect(isStorableString('👍')).toBe(true);
    expect(isStorableString('a\u0000')).toBe(false);
    expect(isStorableString('\uD800')).toBe(false);
    expect(isStorableString('x\uDFFF')).toBe(false);
    // The global regex keeps no state between calls.
    expect(isStorableString('\uD800')).toBe(false);
  });
});

describe('schemas', () => {
  it('proseText cleans before trimming and checking the length', () => {
    const s = proseText(1, 5);
    expect(s.parse(' \u0000ab\uD800 ')).toBe('ab\uFFFD');
    expect(s.safeParse('\u0000 \u0000').success).toBe(false);
    expect(s.safeParse('abcdef').success).toBe(false);
    expect(s.safeParse(42).success).toBe(false);
  });

  it('machineString refuses with a message that says why', () => {
    const s = machineString(1, 10);
    expect(s.parse('u-1')).toBe('u-1');
    const bad = s.safeParse('u\u0000');
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.message).toBe(FORBIDDEN_CHARACTER_MESSAGE);
  });
});
