/**
 * External links (a citizen's post, their profile) open outside the app only when they point to
 * one of these hosts or their subdomains, over https.
 */
export const EXTERNAL_LINK_HOSTS = ['vk.com', 'ok.ru', 't.me', 'gosuslugi.ru', 'max.ru'] as const;

export function isAllowedExternalUrl(raw: string): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  if (url.protocol !== 'https:' || url.username !== '' || url.password !== '') return false;
  const host = url.hostname.toLowerCase();
  return EXTERNAL_LINK_HOSTS.some((allowed) => host === allowed || host.endsWith(`.${allowed}`));
}
