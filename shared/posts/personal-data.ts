/**
 * Personal data kept out of a public post (Федеральный закон 152-ФЗ): a citizen quoted in a post
 * is named by initials only, and no phone number or e-mail address reaches the page, whoever typed
 * it. Faces and car plates in photos are the clerk's to blur (the composer's editor); these are the
 * rules for the text.
 */

/** What a removed phone number or address reads as in the post. */
export const REDACTED = '[скрыто]';

const LETTER = /\p{L}/u;

/**
 * A person's name as initials: «Бэла Тхагапсова» → «Б. Т.», «Бэла Руслановна Тхагапсова» →
 * «Б. Р. Т.», «Анна-Мария Иванова» → «А.-М. И.». Words without letters («id123», «—») are dropped,
 * so a platform's placeholder name yields '' and the quote goes unsigned.
 */
export function initials(name: string): string {
  return name
    .split(/\s+/u)
    .map((word) =>
      word
        .split('-')
        .map((part) => [...part].find((ch) => LETTER.test(ch)))
        .filter((ch): ch is string => ch !== undefined)
        .map((ch) => `${ch.toLocaleUpperCase('ru')}.`)
        .join('-'),
    )
    .filter((w) => w !== '')
    .join(' ');
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The known names (the quoted author's, or anyone the clerk names) shortened wherever they stand
 * in a text: the full name first, then each of its words of three letters or more on its own
 * («Спасибо, Бэла!» → «Спасибо, Б.!»), case-insensitively and with Russian endings («Тхагапсовой»
 * → «Т.»). A name not given here is not found: the composer shows the text for the clerk to read.
 */
export function shortenNames(text: string, names: readonly string[]): string {
  let out = text;
  const full = names.map((n) => n.trim()).filter((n) => n !== '').sort((a, b) => b.length - a.length);
  for (const name of full) {
    const words = name.split(/\s+/u).map(escapeRegExp).join('\\s+');
    out = out.replace(new RegExp(`(?<!\\p{L})${words}(?!\\p{L})`, 'giu'), initials(name));
  }
  const words = [...new Set(full.flatMap((n) => n.split(/[\s-]+/u)))].filter((w) => [...w].filter((ch) => LETTER.test(ch)).length >= 3);
  for (const word of words.sort((a, b) => b.length - a.length)) {
    // A Russian name changes its ending with the case (Тхагапсова, Тхагапсовой, Бэлу): the stem
    // is the word less its last vowel, followed by up to three letters of ending.
    const stem = word.replace(/[аеёиоуыэюяйь]$/iu, '');
    const pattern = new RegExp(`(?<!\\p{L})${escapeRegExp(stem)}\\p{L}{0,3}(?!\\p{L})`, 'giu');
    out = out.replace(pattern, initials(word));
  }
  return out;
}

// A Russian number in any usual spelling: +7 / 8 and ten digits with spaces, dashes, dots and
// brackets between them (+7 (900) 123-45-67, 8-900-123-45-67, 89001234567), or a local
// seven-digit one (52-12-34, 521-234). Runs of digits that are years, house numbers or sums are
// too short or lack the separators, and stay.
const PHONE = /(?<![\p{L}\d])(?:(?:\+\s?7|8)[\s\-.(]*\d{3}[\s\-.)]*\d{3}[\s\-.]*\d{2}[\s\-.]*\d{2}|\d{3}[\s\-]\d{2}[\s\-]\d{2}|\d{2}[\s\-]\d{2}[\s\-]\d{2,3})(?![\p{L}\d])/gu;
const EMAIL = /[\p{L}\d._%+-]+@[\p{L}\d.-]+\.\p{L}{2,}/gu;

/** The text with phone numbers and e-mail addresses replaced by «[скрыто]». */
export function scrubContacts(text: string): string {
  return text.replace(EMAIL, REDACTED).replace(PHONE, REDACTED);
}

/** Does the text still carry a phone number or e-mail address? (The server's last check before publishing.) */
export function hasContacts(text: string): boolean {
  return scrubContacts(text) !== text;
}
