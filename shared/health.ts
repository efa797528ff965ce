import { z } from 'zod';
import { API_PREFIX } from './protocol';

/** What `GET /api/v1/health` answers: how a workstation recognises an Otklik regional server. */
export const OTKLIK_APP_ID = 'otklik';
export const HEALTH_PATH = `${API_PREFIX}/health`;

export const healthSchema = z.object({
  status: z.literal('ok'),
  app: z.literal(OTKLIK_APP_ID),
  version: z.string().min(1).max(64),
});
export type Health = z.infer<typeof healthSchema>;

/** The server's version when the body is an Otklik health answer, null for anything else. */
export function otklikServerVersion(body: unknown): string | null {
  const parsed = healthSchema.safeParse(body);
  return parsed.success ? parsed.data.version : null;
}
