import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ErrorBody, ErrorCode } from '../../shared/protocol';
import { ApiError } from '../errors';

export function errorBody(code: ErrorCode, message: string, details?: unknown): ErrorBody {
  return { error: details === undefined ? { code, message } : { code, message, details } };
}

/** Fastify's own client errors (bad JSON, wrong content type, too large) in our shape. */
function fromFastify(err: FastifyError): { status: number; body: ErrorBody } | null {
  const status = err.statusCode ?? 500;
  if (status === 413 || err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
    return { status: 413, body: errorBody('payload_too_large', 'Request body is too large') };
  }
  if (status === 429) return { status: 429, body: errorBody('rate_limited', 'Too many requests; try again later') };
  if (status === 404) return { status: 404, body: errorBody('not_found', 'Not found') };
  if (status >= 400 && status < 500) {
    return { status, body: errorBody('validation_failed', err.message || 'Request is not valid') };
  }
  return null;
}

/**
 * Errors Fastify raises before routing (a URL that does not decode, a malformed content type):
 * answered in the same shape as every other refusal. Given to Fastify as `frameworkErrors`.
 */
export function frameworkErrors(err: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  const known = fromFastify(err);
  void reply.status(known?.status ?? 400).send(known?.body ?? errorBody('validation_failed', err.message || 'Request is not valid'));
}

export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, request, reply) => {
    if (err instanceof ApiError) {
      return reply.status(err.statusCode).send(errorBody(err.code, err.message, err.details));
    }
    const known = fromFastify(err);
    if (known) return reply.status(known.status).send(known.body);
    request.log.error({ err }, 'request failed');
    return reply.status(500).send(errorBody('internal_error', 'Internal server error'));
  });
}
