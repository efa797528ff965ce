import { z } from 'zod';

/**
 * One rule for every string that comes over the wire, because PostgreSQL refuses a NUL in text
 * and jsonb, and a lone UTF-16 surrogate cannot be stored as UTF-8 (jsonb refuses its escape;
 * text silently turns it into U+FFFD). Two kinds of strings, two answers:
 *
 * - Prose and labels written by people (an appeal's text and author, a settlement or address,
 *   replies, notes, templates, reasons, questions, a file's name) are CLEANED: NUL and the other
 *   control characters except tab, line feed and carriage return are removed, a lone surrogate
 *   becomes U+FFFD, then the text is trimmed and its length checked. A citizen's message pasted
 *   from somewhere odd is still taken, as the person meant it.
 * - Identifiers and machine values (ids, external references, usernames, passwords, tokens,
 *   types, URLs, mutation names) are REFUSED with `validation_failed` when they carry a NUL or a
 *   lone surrogate: changing them would silently change what they name.
 */

const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const NUL = /\u0000/;

export const FORBIDDEN_CHARACTER_MESSAGE = 'Must not contain a NUL character or an unpaired UTF-16 surrogate';

/** Prose as stored: without NUL and other control characters, with lone surrogates replaced. */
export function cleanText(value: string): string {
  return value.replace(CONTROL, '').replace(LONE_SURROGATE, '\uFFFD');
}

/** True when an identifier or machine value can be stored and compared as sent. */
export function isStorableString(value: string): boolean {
  LONE_SURROGATE.lastIndex = 0;
  const lone = LONE_SURROGATE.test(value);
  LONE_SURROGATE.lastIndex = 0;
  return !NUL.test(value) && !lone;
}

/** A person's text: cleaned, trimmed, then `min`..`max` characters. */
export function proseText(min: number, max: number) {
  return z.preprocess((v) => (typeof v === 'string' ? cleanText(v) : v), z.string().trim().min(min).max(max));
}

/** An identifier or machine value of `min`..`max` characters, refused when it cannot be stored as sent. */
export function machineString(min: number, max: number, opts: { trim?: boolean } = {}) {
  const base = opts.trim ? z.string().trim() : z.string();
  return base.min(min).max(max).refine(isStorableString, FORBIDDEN_CHARACTER_MESSAGE);
}
