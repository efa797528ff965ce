import { z } from 'zod';
import { machineString, proseText } from '../text';
import { APPEAL_STATUSES, isoDateTime } from '../domain';

/**
 * Otklik's own exchange format for platforms that publish no API for regional systems: the
 * Gosuslugi feedback platform (ПОС) and the incident system (Инцидент Менеджмент). Their operators
 * agree the integration with each region; until then this is what we take and give, by HTTP and as
 * files (server/channels/exchange/README.md). The field names are ours.
 */
export const EXCHANGE_FORMAT = 'otklik.exchange/1';
export const EXCHANGE_PLATFORMS = ['pos', 'incident'] as const;
export type ExchangePlatform = (typeof EXCHANGE_PLATFORMS)[number];

/** One message of a platform: a citizen's appeal as the platform registered it. */
export const exchangeMessageSchema = z.object({
  /** The platform's id of the message: the key a message is taken once by. */
  id: machineString(1, 200, { trim: true }),
  text: proseText(1, 20000),
  /** Our sphere code (`roads`) or its Russian name («Дороги»); otherwise the text is classified. */
  category: proseText(0, 200).optional(),
  address: proseText(0, 500).optional(),
  settlement: proseText(0, 200).optional(),
  /** The platform's deadline for the answer; replaces ours when given. */
  deadline: isoDateTime.optional(),
  receivedAt: isoDateTime.optional(),
  author: z.object({ name: proseText(1, 200), contact: proseText(0, 200).optional() }).optional(),
  /** The message on the platform, for the clerk to open. */
  link: machineString(0, 2048, { trim: true }).optional(),
});
export type ExchangeMessage = z.infer<typeof exchangeMessageSchema>;

export const exchangeBatchSchema = z.object({
  format: z.literal(EXCHANGE_FORMAT),
  messages: z.array(z.unknown()).min(1).max(1000),
});

/** What happened to one message (or one row of an imported file), in the order they came. */
export const exchangeRowResultSchema = z.object({
  /** 1-based: the message's place in the batch, or the row's number in the file. */
  row: z.number().int().positive(),
  id: z.string().nullable(),
  outcome: z.enum(['created', 'duplicate', 'rejected']),
  appealId: z.string().nullable(),
  /** For `rejected`: which fields were wrong, in English for API clients, with stable codes. */
  errors: z.array(z.object({ field: z.string(), code: z.string(), message: z.string() })),
});
export type ExchangeRowResult = z.infer<typeof exchangeRowResultSchema>;

export const exchangeImportResultSchema = z.object({
  created: z.number().int().nonnegative(),
  duplicates: z.number().int().nonnegative(),
  rejected: z.number().int().nonnegative(),
  rows: z.array(exchangeRowResultSchema),
});
export type ExchangeImportResult = z.infer<typeof exchangeImportResultSchema>;

/** One entry of the outbox a platform polls: an appeal's status now, and its published answer if any. */
export const exchangeOutboxItemSchema = z.object({
  /** The position to poll from next time (`?cursor=`): items come once per change. */
  seq: z.number().int().nonnegative(),
  id: z.string(),
  appealId: z.string(),
  status: z.enum(APPEAL_STATUSES),
  answer: z.object({ id: z.string(), text: z.string(), publishedAt: isoDateTime }).nullable(),
  updatedAt: isoDateTime,
});
export type ExchangeOutboxItem = z.infer<typeof exchangeOutboxItemSchema>;
