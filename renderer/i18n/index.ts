import i18next, { type TFunction } from 'i18next';
import { initReactI18next } from 'react-i18next';
import ru from './ru.json';

/** Russian is the only UI language; resources are bundled, so init is synchronous. */
export const i18n = i18next.createInstance();
void i18n.use(initReactI18next).init({
  lng: 'ru',
  fallbackLng: 'ru',
  resources: { ru: { translation: ru } },
  // React escapes text itself; escaping here would double it.
  interpolation: { escapeValue: false },
  initAsync: false,
  returnNull: false,
});

/**
 * i18next resolves a key afresh on every call (resource lookup, plural rules, interpolation: tens of
 * microseconds), and opening an appeal asks for the same few hundred strings each time — a third of
 * the screen's render. A result is kept per key and options when every option is a plain value
 * (a count, a name); calls with objects (dates, returnObjects) go through as they are. Bounded:
 * counts and names make the variety.
 */
const MAX_CACHED = 5000;
const cache = new Map<string, string>();
const translate = i18n.t.bind(i18n) as unknown as (...args: unknown[]) => unknown;

function cacheKey(key: unknown, options: unknown): string | null {
  if (typeof key !== 'string') return null;
  if (options === undefined) return key;
  if (typeof options !== 'object' || options === null) return null;
  for (const value of Object.values(options)) {
    if (value === null || value === undefined || typeof value !== 'object') continue;
    if (Array.isArray(value) && value.every((v) => typeof v === 'string')) continue;
    return null;
  }
  return `${key}\u0000${JSON.stringify(options)}`;
}

i18n.t = ((...args: unknown[]) => {
  const [key, options] = args;
  const k = args.length <= 2 ? cacheKey(key, options) : null;
  if (k === null) return translate(...args);
  const hit = cache.get(k);
  if (hit !== undefined) return hit;
  const value = translate(key, options);
  if (typeof value === 'string') {
    if (cache.size >= MAX_CACHED) cache.clear();
    cache.set(k, value);
  }
  return value;
}) as unknown as TFunction;
i18n.on('languageChanged', () => cache.clear());
i18n.on('added', () => cache.clear());

export const t: TFunction = i18n.t.bind(i18n);

/** The Russian message for an error code of the protocol (or a client-side one: network, …). */
export function errorMessage(code: string | null | undefined): string {
  const key = `errors.${code ?? 'unknown'}`;
  return i18n.exists(key) ? i18n.t(key) : i18n.t('errors.unknown');
}
