import { z } from 'zod';
import { idSchema, isoDateTime } from './domain';
import { proseText } from './text';

/**
 * Integration tokens: what a source system (the intake of a regional portal, an Open311 client, a
 * platform exchange) presents as its `Bearer` key. The server keeps only a hash; the token itself
 * is shown once, to the administrator who created it.
 */
export const INTEGRATION_TOKEN_NAME_MAX_LENGTH = 100;

export const integrationTokenInputSchema = z.object({ name: proseText(1, INTEGRATION_TOKEN_NAME_MAX_LENGTH) });
export type IntegrationTokenInput = z.infer<typeof integrationTokenInputSchema>;

export const adminIntegrationTokenSchema = z.object({
  id: idSchema,
  name: z.string(),
  createdAt: isoDateTime,
  /** The administrator who created it; null for one from the environment or the demo seed. */
  createdBy: z.string().nullable(),
  lastUsedAt: isoDateTime.nullable(),
  revokedAt: isoDateTime.nullable(),
});
export type AdminIntegrationToken = z.infer<typeof adminIntegrationTokenSchema>;

/** The answer to a creation: the token, this once, and the row the list shows from now on. */
export const createdIntegrationTokenSchema = z.object({ token: z.string(), item: adminIntegrationTokenSchema });
export type CreatedIntegrationToken = z.infer<typeof createdIntegrationTokenSchema>;
