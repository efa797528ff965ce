import { z } from 'zod';
import {
  appealEventSchema,
  appealSchema,
  appealStatusSchema,
  authorSchema,
  categorySchema,
  idSchema,
  isoDateTime,
  municipalitySchema,
  noteSchema,
  NOTE_MAX_LENGTH,
  prioritySchema,
  replySchema,
  REPLY_MAX_LENGTH,
  sourceSchema,
  templateSchema,
  userSchema,
  attachmentSchema,
} from './domain';
import { bodySchema } from './bodies';
import { REASON_MAX_LENGTH, RETURN_COMMENT_MAX_LENGTH } from './review';
import { CLARIFICATION_MAX_LENGTH, FORWARD_REASON_MAX_LENGTH, FORWARD_TARGET_MAX_LENGTH } from './clerk-actions';
import { TEMPLATE_TITLE_MAX_LENGTH } from './templates';
import { deliverySchema } from './channels/delivery';
import { auditMutationSchemas } from './audit';
import { problemMutationSchemas, problemSchema } from './problems';
import { postMutationSchemas, postSchema } from './posts/post';
import { machineString, proseText } from './text';

/** The wire protocol, version 1. Every route lives under this prefix. */
export const API_PREFIX = '/api/v1';

/** Stable error codes for API clients. People see Russian messages chosen by the client from the code. */
export const ERROR_CODES = [
  'validation_failed',
  'payload_too_large',
  'unauthorized',
  'token_expired',
  'invalid_credentials',
  /** Too many failed sign-ins: details.lockedUntil says when the account may try again. */
  'account_locked',
  'forbidden',
  /** The account was disabled by an administrator: its tokens stop working at once. */
  'account_disabled',
  /** The record already exists (a username taken). */
  'conflict',
  'not_found',
  'rate_limited',
  'stale_version',
  'invalid_transition',
  'appeal_closed',
  'unknown_mutation',
  'unsupported_media_type',
  'internal_error',
  /** A channel's secrets were sent but this server has no key to store them encrypted. */
  'secrets_unavailable',
  /** Another enabled topic bot already answers in the channel: details.problems name which. */
  'channel_taken',
] as const;
export const errorCodeSchema = z.enum(ERROR_CODES);
export type ErrorCode = z.infer<typeof errorCodeSchema>;

export const errorBodySchema = z.object({
  error: z.object({ code: errorCodeSchema, message: z.string(), details: z.unknown().optional() }),
});
export type ErrorBody = z.infer<typeof errorBodySchema>;

// --- auth -----------------------------------------------------------------------------------

export const loginRequestSchema = z.object({
  username: machineString(1, 64, { trim: true }),
  password: machineString(1, 256),
});
export type LoginRequest = z.infer<typeof loginRequestSchema>;

export const loginResponseSchema = z.object({
  accessToken: z.string(),
  refreshToken: z.string(),
  /** Seconds until the access token expires. */
  expiresIn: z.number().int().positive(),
  user: userSchema,
});
export type LoginResponse = z.infer<typeof loginResponseSchema>;

export const refreshRequestSchema = z.object({ refreshToken: machineString(1, 512) });
export type RefreshRequest = z.infer<typeof refreshRequestSchema>;

// --- sync: pull -----------------------------------------------------------------------------

export const ENTITIES = ['appeal', 'reply', 'note', 'event', 'template', 'user', 'municipality', 'delivery', 'body', 'problem', 'post'] as const;
export const entitySchema = z.enum(ENTITIES);
export type Entity = z.infer<typeof entitySchema>;

const upsert = <E extends Entity, S extends z.ZodType>(entity: E, data: S) =>
  z.object({
    seq: z.number().int().positive(),
    entity: z.literal(entity),
    id: idSchema,
    op: z.literal('upsert'),
    data,
  });

/** A record to remove locally: deleted on the server, or no longer in the caller's scope. */
export const deleteChangeSchema = z.object({
  seq: z.number().int().positive(),
  entity: entitySchema,
  id: idSchema,
  op: z.literal('delete'),
});

export const changeSchema = z.union([
  upsert('appeal', appealSchema),
  upsert('reply', replySchema),
  upsert('note', noteSchema),
  upsert('event', appealEventSchema),
  upsert('template', templateSchema),
  upsert('user', userSchema),
  upsert('municipality', municipalitySchema),
  upsert('delivery', deliverySchema),
  upsert('body', bodySchema),
  upsert('problem', problemSchema),
  upsert('post', postSchema),
  deleteChangeSchema,
]);
export type Change = z.infer<typeof changeSchema>;

export const PULL_DEFAULT_LIMIT = 1000;
export const PULL_MAX_LIMIT = 5000;

export const pullQuerySchema = z.object({
  cursor: z.coerce.number().int().nonnegative().default(0),
  limit: z.coerce.number().int().min(1).max(PULL_MAX_LIMIT).default(PULL_DEFAULT_LIMIT),
});
export type PullQuery = z.infer<typeof pullQuerySchema>;

export const pullResponseSchema = z.object({
  changes: z.array(changeSchema),
  /** The cursor to send with the next pull: the seq of the last change served, or the one sent. */
  cursor: z.number().int().nonnegative(),
  hasMore: z.boolean(),
});
export type PullResponse = z.infer<typeof pullResponseSchema>;

// --- sync: push -----------------------------------------------------------------------------

export const mutationArgsSchemas = {
  'reply.submit': z.object({
    replyId: idSchema,
    appealId: idSchema,
    body: proseText(1, REPLY_MAX_LENGTH),
    attachments: z.array(attachmentSchema).max(10).optional(),
  }),
  'appeal.setStatus': z.object({
    appealId: idSchema,
    status: appealStatusSchema,
    baseVersion: z.number().int().nonnegative(),
  }),
  'appeal.assign': z.object({
    appealId: idSchema,
    assigneeId: idSchema,
    baseVersion: z.number().int().nonnegative(),
    /** Why the supervisor reassigned it; kept in the history. */
    reason: proseText(0, REASON_MAX_LENGTH).optional(),
  }),
  /** To another municipality (outside this body's competence); its routing picks the clerk. */
  'appeal.reassignMunicipality': z.object({
    appealId: idSchema,
    municipalityId: idSchema,
    reason: proseText(1, REASON_MAX_LENGTH),
    baseVersion: z.number().int().nonnegative(),
  }),
  /** A supervisor approves a reply waiting for approval, optionally with their own edit of it. */
  'reply.approve': z.object({
    replyId: idSchema,
    appealId: idSchema,
    editedBody: proseText(1, REPLY_MAX_LENGTH).optional(),
  }),
  /** A supervisor returns a reply to its author with a comment; the text goes back to their draft. */
  'reply.return': z.object({
    replyId: idSchema,
    appealId: idSchema,
    comment: proseText(1, RETURN_COMMENT_MAX_LENGTH),
  }),
  'note.add': z.object({
    noteId: idSchema,
    appealId: idSchema,
    body: proseText(1, NOTE_MAX_LENGTH),
  }),
  'appeal.setCategory': z.object({
    appealId: idSchema,
    category: categorySchema,
    baseVersion: z.number().int().nonnegative(),
  }),
  /** To another body outside this one's competence (a ministry, a utility), with the reason. */
  'appeal.forward': z.object({
    appealId: idSchema,
    to: proseText(1, FORWARD_TARGET_MAX_LENGTH),
    reason: proseText(1, FORWARD_REASON_MAX_LENGTH),
    baseVersion: z.number().int().nonnegative(),
  }),
  /** A question to the citizen; the appeal waits in «Уточнение» until they answer. */
  'appeal.requestClarification': z.object({
    appealId: idSchema,
    question: proseText(1, CLARIFICATION_MAX_LENGTH),
    baseVersion: z.number().int().nonnegative(),
  }),
  /** A clerk's own template, or (supervisors, shared: true) one for everybody of their scope. */
  'template.save': z.object({
    templateId: idSchema,
    title: proseText(1, TEMPLATE_TITLE_MAX_LENGTH),
    body: proseText(1, REPLY_MAX_LENGTH),
    shared: z.boolean().optional(),
  }),
  'template.delete': z.object({ templateId: idSchema }),
  /** A failed delivery is queued again at once (its attempts go on counting). */
  'delivery.retry': z.object({ deliveryId: idSchema }),
  /** The clerk sent it by hand (copied into the platform): no more attempts; «отправлено вручную». */
  'delivery.markManual': z.object({ deliveryId: idSchema }),
  ...auditMutationSchemas,
  ...problemMutationSchemas,
  ...postMutationSchemas,
} as const;

export type MutationName = keyof typeof mutationArgsSchemas;
export const MUTATION_NAMES = Object.keys(mutationArgsSchemas) as MutationName[];
export type MutationArgs<N extends MutationName> = z.infer<(typeof mutationArgsSchemas)[N]>;

/** A mutation as the client's outbox sends it. Args are checked per name by `parseMutation`. */
export const mutationEnvelopeSchema = z.object({
  id: idSchema,
  name: machineString(1, 64),
  args: z.unknown(),
});
export type MutationEnvelope = z.infer<typeof mutationEnvelopeSchema>;

export type Mutation = { [N in MutationName]: { id: string; name: N; args: MutationArgs<N> } }[MutationName];

export type ParsedMutation =
  | { ok: true; mutation: Mutation }
  | { ok: false; code: 'unknown_mutation' | 'validation_failed'; message: string };

export function parseMutation(envelope: MutationEnvelope): ParsedMutation {
  const schema = (mutationArgsSchemas as Record<string, z.ZodType>)[envelope.name];
  if (!schema) return { ok: false, code: 'unknown_mutation', message: `Unknown mutation "${envelope.name}"` };
  const parsed = schema.safeParse(envelope.args);
  if (!parsed.success) return { ok: false, code: 'validation_failed', message: z.prettifyError(parsed.error) };
  return { ok: true, mutation: { id: envelope.id, name: envelope.name, args: parsed.data } as Mutation };
}

export const PUSH_MAX_MUTATIONS = 500;

export const pushRequestSchema = z.object({
  clientId: idSchema,
  mutations: z.array(mutationEnvelopeSchema).max(PUSH_MAX_MUTATIONS),
});
export type PushRequest = z.infer<typeof pushRequestSchema>;

export const mutationResultSchema = z.object({
  id: idSchema,
  status: z.enum(['applied', 'duplicate', 'rejected']),
  code: errorCodeSchema.optional(),
  message: z.string().optional(),
  /**
   * The appeal as the server has it now: for a rejection caused by its state, and for an accepted
   * change to an appeal (applied or duplicate) that the caller may still see.
   */
  current: appealSchema.optional(),
});
export type MutationResult = z.infer<typeof mutationResultSchema>;

/**
 * Results come in the order of the request. A transient server error stops the batch: the
 * mutations after it get no result and stay in the client's outbox for the next push.
 */
export const pushResponseSchema = z.object({ results: z.array(mutationResultSchema) });
export type PushResponse = z.infer<typeof pushResponseSchema>;

// --- live -----------------------------------------------------------------------------------

/**
 * Server-sent event on /sync/live: the caller's scope changed up to `seq`; pull to see it. With
 * `after` and `changes`, the poke carries them: every change the caller's pull would return with
 * a seq in (after, seq], so a replica whose cursor is at least `after` applies them without a pull.
 */
export const pokeSchema = z.object({
  seq: z.number().int().nonnegative(),
  after: z.number().int().nonnegative().optional(),
  changes: z.array(changeSchema).optional(),
});
export type Poke = z.infer<typeof pokeSchema>;

// --- intake ---------------------------------------------------------------------------------

export const intakeRequestSchema = z.object({
  source: sourceSchema,
  externalRef: machineString(1, 512, { trim: true }),
  author: authorSchema,
  text: proseText(1, 20000),
  receivedAt: isoDateTime.optional(),
  settlement: proseText(0, 200).optional(),
  address: proseText(0, 500).optional(),
  /** When the source already knows the sphere; otherwise the server classifies the text. */
  category: categorySchema.optional(),
  /** When the source already knows the municipality; otherwise routed by settlement. */
  municipalityId: idSchema.optional(),
  priority: prioritySchema.optional(),
  attachments: z.array(attachmentSchema).max(20).optional(),
});
export type IntakeRequest = z.infer<typeof intakeRequestSchema>;

export const intakeResponseSchema = z.object({
  id: idSchema,
  duplicate: z.boolean(),
  municipalityId: idSchema,
  assigneeId: idSchema.nullable(),
});
export type IntakeResponse = z.infer<typeof intakeResponseSchema>;
