import { z } from 'zod';
import { userSchema } from '../shared/domain';
import type { StoredSession } from '../shared/bridge';
import { serverUrlSchema } from './config';

/** Argument schemas of the IPC handlers: the renderer is not trusted to send well-formed data. */

const tokenSchema = z.string().min(1).max(16_384);

export const storedSessionSchema = z.object({
  user: userSchema,
  accessToken: tokenSchema,
  refreshToken: tokenSchema,
  serverUrl: serverUrlSchema,
}) satisfies z.ZodType<StoredSession, unknown>;

export const sessionArgSchema = storedSessionSchema.nullable();

export const externalUrlArgSchema = z.string().min(1).max(2048);

export const NOTIFY_TITLE_MAX = 200;
export const NOTIFY_BODY_MAX = 1000;

export const notifyArgsSchema = z.tuple([
  z.string().trim().min(1).max(NOTIFY_TITLE_MAX),
  z.string().max(NOTIFY_BODY_MAX),
]);
