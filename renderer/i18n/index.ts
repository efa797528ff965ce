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

export const t: TFunction = i18n.t.bind(i18n);

/** The Russian message for an error code of the protocol (or a client-side one: network, …). */
export function errorMessage(code: string | null | undefined): string {
  const key = `errors.${code ?? 'unknown'}`;
  return i18n.exists(key) ? i18n.t(key) : i18n.t('errors.unknown');
}
