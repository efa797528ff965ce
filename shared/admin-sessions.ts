import { z } from 'zod';
import { idSchema, isoDateTime } from './domain';

/**
 * A user's signed-in devices as the administrator's console sees them, under
 * /api/v1/admin/users/:id/sessions. A session is one sign-in (a workstation, a browser); its
 * refresh tokens rotate on every use. Ending it refuses its access tokens at their next request
 * and its refresh token at once.
 */
export const adminSessionSchema = z.object({
  id: idSchema,
  createdAt: isoDateTime,
  lastUsedAt: isoDateTime,
  /** The User-Agent of the sign-in or of its last refresh: Electron or a browser, and the OS. */
  userAgent: z.string().nullable(),
  address: z.string().nullable(),
});
export type AdminSession = z.infer<typeof adminSessionSchema>;

/** GET …/users/:id/sessions */
export const adminSessionsResponseSchema = z.object({ sessions: z.array(adminSessionSchema) });
/** POST …/users/:id/sessions/:sessionId/end and POST …/users/:id/sessions/end (all of them) */
export const endSessionsResponseSchema = z.object({ ended: z.number().int().nonnegative() });
