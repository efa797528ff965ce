import { z } from 'zod';
import { requiresApproval, type ApprovalPolicy } from '../approval';
import { idSchema, isoDateTime } from '../domain';
import { PLATFORM_SOURCE, channelPlatformSchema, type ChannelPlatform } from '../channels/platforms';
import { proseText } from '../text';
import { unfilledVariables } from '../templates';
import { initials, scrubContacts, shortenNames } from './personal-data';

/**
 * A resolution post (пост о решении): draft → submitted (waiting for a supervisor) → approved,
 * or returned to its author → draft again; approved → publishing (one publication per page) →
 * published. Where the approval policy asks for no supervisor, submit approves at once.
 */
export const POST_STATES = ['draft', 'submitted', 'returned', 'approved', 'publishing', 'published'] as const;
export const postStateSchema = z.enum(POST_STATES);
export type PostState = z.infer<typeof postStateSchema>;

export const POST_TEXT_MAX_LENGTH = 4000;
export const POST_QUOTE_MAX_LENGTH = 1000;
export const POST_MAX_PHOTOS = 10;
export const POST_RETURN_COMMENT_MAX_LENGTH = 1000;

/** A photo of the post: an attachment re-encoded by the composer's blur editor, before or after. */
export const postPhotoSchema = z.object({
  attachmentId: idSchema,
  role: z.enum(['before', 'after']),
});
export type PostPhoto = z.infer<typeof postPhotoSchema>;

/**
 * A citizen's words of thanks from one appeal of the problem. Published only with `consent` (the
 * citizen agreed, asked in their channel or by phone; the clerk ticks it); signed with the
 * author's initials, never their name.
 */
export const postQuoteSchema = z.object({
  appealId: idSchema,
  text: proseText(1, POST_QUOTE_MAX_LENGTH),
  authorName: proseText(0, 200),
  consent: z.boolean(),
});
export type PostQuote = z.infer<typeof postQuoteSchema>;

/** Where one page's publication went: the post's address on the platform. */
export const postLinkSchema = z.object({
  channelId: idSchema,
  platform: channelPlatformSchema,
  url: z.string().max(2048),
});
export type PostLink = z.infer<typeof postLinkSchema>;

export const postSchema = z.object({
  id: idSchema,
  problemId: idSchema,
  /** The problem's body: the post's scope, and what the approval policy is asked about. */
  municipalityId: idSchema,
  authorId: idSchema,
  state: postStateSchema,
  text: z.string().max(POST_TEXT_MAX_LENGTH),
  photos: z.array(postPhotoSchema).max(POST_MAX_PHOTOS),
  quotes: z.array(postQuoteSchema).max(20),
  /** The body's official pages it goes to (channels). */
  channelIds: z.array(idSchema).max(10),
  returnComment: z.string().max(POST_RETURN_COMMENT_MAX_LENGTH).nullable(),
  approvedBy: idSchema.nullable(),
  links: z.array(postLinkSchema),
  publishedAt: isoDateTime.nullable(),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
});
export type Post = z.infer<typeof postSchema>;

/**
 * The text that goes to the pages: the clerk's text, then each consented quote in «ёлочки»
 * signed with its author's initials; the authors' names shortened wherever they appear, phone
 * numbers and e-mail addresses removed. Quotes without consent are left out entirely.
 */
export function publicPostText(post: Pick<Post, 'text' | 'quotes'>): string {
  const names = post.quotes.map((q) => q.authorName).filter((n) => n.trim() !== '');
  const quotes = post.quotes
    .filter((q) => q.consent)
    .map((q) => {
      const sign = initials(q.authorName);
      const body = shortenNames(q.text.trim(), names).replace(/^[«"“]+|[»"”]+$/gu, '');
      return sign === '' ? `«${body}»` : `«${body}» — ${sign}`;
    });
  const text = [post.text.trim(), ...quotes].filter((t) => t !== '').join('\n\n');
  return scrubContacts(shortenNames(text, names));
}

/** Why a post cannot be submitted yet, in the composer's words; [] when it can. */
export function postSubmitProblems(post: Pick<Post, 'text' | 'quotes' | 'photos' | 'channelIds'>): string[] {
  const problems: string[] = [];
  if (post.text.trim() === '') problems.push('Напишите текст поста.');
  const gaps = unfilledVariables(post.text);
  if (gaps.length > 0) problems.push(`Заполните в тексте: ${gaps.map((g) => `{{${g}}}`).join(', ')}.`);
  if (!post.photos.some((p) => p.role === 'after')) problems.push('Добавьте хотя бы одно фото «после».');
  if (post.channelIds.length === 0) problems.push('Выберите страницу для публикации.');
  if (publicPostText(post).length > POST_TEXT_MAX_LENGTH) problems.push(`Текст с цитатами длиннее ${POST_TEXT_MAX_LENGTH} знаков.`);
  return problems;
}

/**
 * A post needs a supervisor's approval where the region's approval policy asks it for the body and
 * any of the platforms it is published on (a post on the VK page counts as the `vk` source).
 */
export function postRequiresApproval(policy: ApprovalPolicy, municipalityId: string, platforms: readonly ChannelPlatform[]): boolean {
  return platforms.some((p) => requiresApproval(policy, municipalityId, PLATFORM_SOURCE[p]));
}

/** The state a submit leads to. */
export function submittedState(needsApproval: boolean): PostState {
  return needsApproval ? 'submitted' : 'approved';
}

const EDITABLE: readonly PostState[] = ['draft', 'returned'];

/** Which mutation may move a post from which state (the server refuses the rest as `invalid_transition`). */
export function canApplyPostMutation(name: PostMutationName, state: PostState | null): boolean {
  switch (name) {
    case 'post.draft':
      return state === null || EDITABLE.includes(state);
    case 'post.submit':
      return state !== null && EDITABLE.includes(state);
    case 'post.approve':
    case 'post.return':
      return state === 'submitted';
    case 'post.publish':
      return state === 'approved';
  }
}

/** The push mutations of resolution posts (added to the protocol's table with the server's handlers). */
export const postMutationSchemas = {
  /** Create or replace the draft: the whole composer's content, last write wins while it is a draft. */
  'post.draft': z.object({
    postId: idSchema,
    problemId: idSchema,
    text: proseText(0, POST_TEXT_MAX_LENGTH),
    photos: z.array(postPhotoSchema).max(POST_MAX_PHOTOS),
    quotes: z.array(postQuoteSchema).max(20),
    channelIds: z.array(idSchema).max(10),
  }),
  /** To the supervisor, or straight to «approved» where the policy asks no approval. */
  'post.submit': z.object({ postId: idSchema }),
  /** A supervisor approves, optionally with their own edit of the text. */
  'post.approve': z.object({ postId: idSchema, editedText: proseText(1, POST_TEXT_MAX_LENGTH).optional() }),
  /** A supervisor returns it to its author with a comment. */
  'post.return': z.object({ postId: idSchema, comment: proseText(1, POST_RETURN_COMMENT_MAX_LENGTH) }),
  /** Queue one publication per page; each goes through the publishing worker. */
  'post.publish': z.object({ postId: idSchema }),
} as const;
export type PostMutationName = keyof typeof postMutationSchemas;

/** GET /posts/pages?bodyId=: the pages a body's post may go to. */
export const postPageSchema = z.object({ id: idSchema, name: z.string(), platform: channelPlatformSchema });
export type PostPage = z.infer<typeof postPageSchema>;
export const postPagesResponseSchema = z.object({ pages: z.array(postPageSchema) });
