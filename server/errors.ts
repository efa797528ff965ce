import type { z } from 'zod';
import type { ErrorCode } from '../shared/protocol';

/** An error that becomes the response {error: {code, message, details?}} with its status. */
export class ApiError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export function parseOr400<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const details = parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
    throw new ApiError(400, 'validation_failed', 'Request is not valid', details);
  }
  return parsed.data;
}
