import { z } from 'zod';
import { machineString, proseText } from './text';

/** Where an appeal came from. The code names are part of the wire protocol and the intake API. */
export const SOURCES = ['vk', 'ok', 'telegram', 'pos', 'chatbot', 'incident', 'email', 'phone'] as const;
export const sourceSchema = z.enum(SOURCES);
export type Source = z.infer<typeof sourceSchema>;

/** Сферы. Russian labels live in the renderer's i18n resources, not here. */
export const CATEGORIES = [
  'health',
  'education',
  'social',
  'housing',
  'roads',
  'landscaping',
  'dumps',
  'transport',
  'other',
] as const;
export const categorySchema = z.enum(CATEGORIES);
export type Category = z.infer<typeof categorySchema>;

export const APPEAL_STATUSES = [
  'new',
  'assigned',
  'in_progress',
  'clarification',
  'forwarded',
  'answered',
  'resolved',
  'closed',
] as const;
export const appealStatusSchema = z.enum(APPEAL_STATUSES);
export type AppealStatus = z.infer<typeof appealStatusSchema>;

export const PRIORITIES = ['normal', 'urgent'] as const;
export const prioritySchema = z.enum(PRIORITIES);
export type Priority = z.infer<typeof prioritySchema>;

export const ROLES = ['clerk', 'supervisor', 'admin'] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

/** ISO-8601 instant with an offset, as produced by Date#toISOString. */
export const isoDateTime = z.iso.datetime({ offset: true });

export const idSchema = machineString(1, 64);

export const attachmentSchema = z.object({
  id: idSchema,
  name: proseText(1, 255),
  mime: machineString(1, 127),
  size: z.number().int().nonnegative(),
  url: machineString(0, 2048).optional(),
});
export type Attachment = z.infer<typeof attachmentSchema>;

export const authorSchema = z.object({
  name: proseText(1, 200),
  profileUrl: machineString(0, 2048).optional(),
  contact: proseText(0, 200).optional(),
});
export type Author = z.infer<typeof authorSchema>;

export const appealSchema = z.object({
  id: idSchema,
  source: sourceSchema,
  externalRef: z.string().min(1).max(512),
  author: authorSchema,
  text: z.string().min(1).max(20000),
  attachments: z.array(attachmentSchema),
  receivedAt: isoDateTime,
  category: categorySchema,
  municipalityId: idSchema,
  settlement: z.string().max(200).nullable(),
  address: z.string().max(500).nullable(),
  assigneeId: idSchema.nullable(),
  status: appealStatusSchema,
  priority: prioritySchema,
  firstResponseDueAt: isoDateTime.nullable(),
  dueAt: isoDateTime,
  firstRespondedAt: isoDateTime.nullable(),
  version: z.number().int().nonnegative(),
  updatedAt: isoDateTime,
  /**
   * What the author said when asked after the answer (shared/ratings.ts): the latest score and
   * verdict. Absent until they answer; kept by the server, never by a mutation.
   */
  citizenRating: z.object({ score: z.number().int().min(1).max(5).nullable(), solved: z.boolean().nullable() }).optional(),
  /** The problem (shared/problems.ts) this appeal is linked into; absent while it is in none. */
  problemId: idSchema.optional(),
});
export type Appeal = z.infer<typeof appealSchema>;

export const REPLY_STATES = ['draft', 'submitted', 'approved', 'returned', 'published'] as const;
export const replyStateSchema = z.enum(REPLY_STATES);
export type ReplyState = z.infer<typeof replyStateSchema>;

export const REPLY_MAX_LENGTH = 10000;

export const replySchema = z.object({
  id: idSchema,
  appealId: idSchema,
  authorId: idSchema,
  authorName: z.string(),
  body: z.string().min(1).max(REPLY_MAX_LENGTH),
  attachments: z.array(attachmentSchema),
  state: replyStateSchema,
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
});
export type Reply = z.infer<typeof replySchema>;

export const NOTE_MAX_LENGTH = 5000;

export const noteSchema = z.object({
  id: idSchema,
  appealId: idSchema,
  authorId: idSchema,
  authorName: z.string(),
  body: z.string().min(1).max(NOTE_MAX_LENGTH),
  createdAt: isoDateTime,
});
export type Note = z.infer<typeof noteSchema>;

export const EVENT_KINDS = [
  'received',
  'routed',
  'assigned',
  'status_changed',
  'reply_submitted',
  'reply_published',
  'note_added',
  'reply_approved',
  'reply_returned',
  'category_changed',
  'forwarded',
  'clarification_requested',
  /** The citizen wrote again in the same dialog or comment thread (data: text, attachments, link). */
  'citizen_message',
  /** The citizen answered the rating question (data: shared/ratings.ts CitizenRating). */
  'citizen_rating',
  /** Linked into a problem (data: problemId, title), or taken out of one (data: problemId, title, reason). */
  'problem_linked',
  'problem_unlinked',
  /** The problem's resolution post is on the body's pages (data: postId, links). */
  'post_published',
] as const;
export const eventKindSchema = z.enum(EVENT_KINDS);
export type EventKind = z.infer<typeof eventKindSchema>;

/** История: who did what to an appeal, and when. `version` is the appeal's version after the event. */
export const appealEventSchema = z.object({
  id: idSchema,
  appealId: idSchema,
  actorId: idSchema.nullable(),
  actorName: z.string().nullable(),
  kind: eventKindSchema,
  data: z.record(z.string(), z.unknown()),
  version: z.number().int().nonnegative(),
  at: isoDateTime,
});
export type AppealEvent = z.infer<typeof appealEventSchema>;

export const templateSchema = z.object({
  id: idSchema,
  title: z.string().min(1).max(200),
  body: z.string().min(1).max(REPLY_MAX_LENGTH),
  /** null: shared template managed by supervisors; otherwise the clerk who owns it. */
  ownerId: idSchema.nullable(),
  municipalityId: idSchema.nullable(),
  updatedAt: isoDateTime,
});
export type Template = z.infer<typeof templateSchema>;

export const userSchema = z.object({
  id: idSchema,
  username: z.string().min(1).max(64),
  displayName: z.string().min(1).max(200),
  role: roleSchema,
  /** null: the whole region. */
  municipalityId: idSchema.nullable(),
});
export type User = z.infer<typeof userSchema>;

export const municipalitySchema = z.object({
  id: idSchema,
  name: z.string().min(1).max(200),
  kind: z.enum(['city', 'district']),
  settlements: z.array(z.string().min(1).max(200)),
});
export type Municipality = z.infer<typeof municipalitySchema>;

/** Statuses in which an appeal still needs work from its assignee. */
export const OPEN_STATUSES: readonly AppealStatus[] = ['new', 'assigned', 'in_progress', 'clarification'];

export function isOpen(status: AppealStatus): boolean {
  return OPEN_STATUSES.includes(status);
}
