import { z } from 'zod';
import { nextDateKey } from './calendar';
import { idSchema, isoDateTime } from './domain';
import { fromLocal } from './local-time';
import { machineString, proseText } from './text';

/**
 * The audit log (152-ФЗ, 59-ФЗ): who signed in, who opened whose personal data, who exported
 * what and why, what moved between bodies, and every administrative change with its before and
 * after. It lives only on the server, insert-only; the console reads it page by page.
 */
export const AUDIT_KINDS = [
  'auth.login',
  'auth.login_failed',
  'appeal.opened',
  'export',
  'appeal.forwarded',
  'appeal.moved',
  'admin.change',
] as const;
export const auditKindSchema = z.enum(AUDIT_KINDS);
export type AuditKind = z.infer<typeof auditKindSchema>;

export const auditEntrySchema = z.object({
  id: z.string(),
  at: isoDateTime,
  kind: auditKindSchema,
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
  appealId: z.string().nullable(),
  /** What the entry is about beyond an appeal: a username tried, a user changed, a setting. */
  subject: z.string().nullable(),
  /** The network address the request came from. */
  address: z.string().nullable(),
  data: z.record(z.string(), z.unknown()),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

export const AUDIT_PAGE_MAX = 500;

const optionalText = machineString(0, 200, { trim: true })
  .optional()
  .transform((v) => (v === '' ? undefined : v));

/** The console's filters: a person (id or username), an appeal, a kind, a period. */
export const auditQuerySchema = z.object({
  person: optionalText,
  appealId: optionalText,
  kind: auditKindSchema.optional(),
  from: isoDateTime.optional(),
  to: isoDateTime.optional(),
  limit: z.coerce.number().int().min(1).max(AUDIT_PAGE_MAX).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
export type AuditQuery = z.infer<typeof auditQuerySchema>;

export const auditPageSchema = z.object({
  entries: z.array(auditEntrySchema),
  total: z.number().int().nonnegative(),
});
export type AuditPage = z.infer<typeof auditPageSchema>;

/** What a workstation exported; each kind is one export button. */
export const EXPORT_KINDS = ['report.xlsx', 'report.pdf', 'worklist.xlsx', 'queue.xlsx', 'audit.xlsx'] as const;
export const exportKindSchema = z.enum(EXPORT_KINDS);
export type ExportKind = z.infer<typeof exportKindSchema>;

export const EXPORT_REASON_MIN_LENGTH = 5;
export const EXPORT_REASON_MAX_LENGTH = 500;
export const exportReasonSchema = proseText(EXPORT_REASON_MIN_LENGTH, EXPORT_REASON_MAX_LENGTH);

/** The mutations the workstation sends for the audit log alone: they change nothing it shows. */
export const auditMutationSchemas = {
  /** The first open of an appeal's personal data after each sign-in, recorded offline too. */
  'audit.appealOpened': z.object({ appealId: idSchema, openedAt: isoDateTime }),
  /** A file made on the workstation from the replica, with the reason the person gave. */
  'audit.export': z.object({
    kind: exportKindSchema,
    title: proseText(1, 300),
    rows: z.number().int().nonnegative(),
    reason: exportReasonSchema,
    exportedAt: isoDateTime,
  }),
} as const;

export function isAuditMutation(name: string): boolean {
  return name.startsWith('audit.');
}

/** Days the log is kept when the administrator has not chosen: five years. */
export const DEFAULT_AUDIT_RETENTION_DAYS = 1826;
export const auditRetentionSchema = z.object({ days: z.number().int().min(30).max(36500) });

/**
 * The instants bounding a period of whole local days, both ends included, as the console's
 * «с» and «по» date fields mean it: from the first day's midnight to the midnight after the last.
 */
export function auditPeriod(fromKey: string | null, toKey: string | null, timeZone: string): { from?: string; to?: string } {
  return {
    ...(fromKey ? { from: new Date(fromLocal(fromKey, 0, timeZone)).toISOString() } : {}),
    ...(toKey ? { to: new Date(fromLocal(nextDateKey(toKey), 0, timeZone)).toISOString() } : {}),
  };
}
