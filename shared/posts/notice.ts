import type { ChannelPlatform } from '../channels/platforms';
import type { PostLink } from './post';

/**
 * The link an author is sent: the post on the platform they wrote from where it was published
 * there (a VK author opens VK), else the first page it reached. Null when no page took it.
 */
export function noticeLinkFor(authorPlatform: ChannelPlatform | null, links: readonly PostLink[]): string | null {
  const usable = links.filter((l) => /^https:\/\//.test(l.url));
  return (usable.find((l) => l.platform === authorPlatform) ?? usable[0])?.url ?? null;
}

/** The message each author of the problem's appeals gets in their own channel once the post is out. */
export function postNoticeText(url: string): string {
  return `Здравствуйте! Проблема, о которой вы сообщали, решена. Мы рассказали об этом в публикации: ${url}\nСпасибо, что не остались в стороне.`;
}
