import type { FastifyInstance, FastifyReply } from 'fastify';
import { cleanText, isStorableString } from '../../../shared/text';
import { checkIntegrationToken } from '../../auth/integration';
import type { ServerContext } from '../../context';
import { ApiError } from '../../errors';
import { createServiceRequest, findServiceRequests, type NewServiceRequest } from './requests';
import { open311Services, serviceName } from './services';

export const OPEN311_PREFIX = '/open311/v2';
/** GeoReport v2: GET requests.json returns at most 1,000 requests, and by default the last 90 days. */
const MAX_RESULTS = 1000;
const DEFAULT_WINDOW_MS = 90 * 24 * 3600 * 1000;
const DESCRIPTION_MAX = 4000;

/** GeoReport v2's error answer: an array of `{code, description}`, with the same HTTP status. */
function fail(reply: FastifyReply, code: number, description: string) {
  return reply.status(code).send([{ code, description }]);
}

type Fields = Record<string, unknown>;
function field(f: Fields, name: string, max = 500): string | null {
  const v = f[name];
  const s = Array.isArray(v) ? v[0] : v;
  if (typeof s !== 'string') return null;
  // The wire-text rule of shared/text.ts: NUL, control characters and lone surrogates never reach the database.
  const t = cleanText(s).trim();
  return t === '' ? null : t.slice(0, max);
}

function coordinate(value: string | null, limit: number): number | null | 'bad' {
  if (value === null) return null;
  const n = Number(value);
  return Number.isFinite(n) && Math.abs(n) <= limit ? n : 'bad';
}

function dateParam(value: string | null): Date | null | 'bad' {
  if (value === null) return null;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? 'bad' : d;
}

function list(value: string | null): string[] | undefined {
  return value === null ? undefined : value.split(',').map((s) => s.trim()).filter(Boolean).slice(0, MAX_RESULTS);
}

/**
 * Open311 GeoReport v2 (README.md): city apps and FixMyStreet-style sites file appeals with
 * `POST requests.json` (an integration token as `api_key`) and read their status, with the
 * published reply as `status_notes`. JSON only.
 */
export async function registerOpen311Routes(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  await app.register(async (scope) => {
    // The specification posts form fields; a JSON body is accepted as well.
    scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => {
      const fields: Record<string, string | string[]> = {};
      for (const [k, v] of new URLSearchParams(body as string)) {
        const prev = fields[k];
        fields[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
      }
      done(null, fields);
    });
    scope.setErrorHandler((error: Error & { statusCode?: number }, _request, reply) => {
      const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
      return fail(reply, status, status === 500 ? 'Internal error' : error.message);
    });

    scope.get(`${OPEN311_PREFIX}/services.json`, async () => open311Services());

    scope.post(`${OPEN311_PREFIX}/requests.json`, async (request, reply) => {
      const f = (request.body && typeof request.body === 'object' ? request.body : {}) as Fields;
      const apiKey = field(f, 'api_key', 256);
      if (!apiKey) return fail(reply, 400, 'api_key was not provided');
      let client: string;
      try {
        client = await checkIntegrationToken(ctx.db, `Bearer ${apiKey}`);
      } catch (e) {
        if (e instanceof ApiError) return fail(reply, 403, 'api_key is not valid');
        throw e;
      }
      const serviceCode = field(f, 'service_code', 64);
      if (!serviceCode) return fail(reply, 400, 'service_code was not provided');
      if (!serviceName(serviceCode)) return fail(reply, 404, `service_code "${serviceCode}" was not found`);
      const lat = coordinate(field(f, 'lat', 40), 90);
      const long = coordinate(field(f, 'long', 40), 180);
      if (lat === 'bad' || long === 'bad') return fail(reply, 400, 'lat and long must be decimal degrees');
      const addressString = field(f, 'address_string', 500) ?? field(f, 'address_id', 500);
      if ((lat === null || long === null) && !addressString) return fail(reply, 400, 'A location is required: lat and long, or address_string');
      const description = field(f, 'description', DESCRIPTION_MAX + 1);
      if (!description) return fail(reply, 400, 'description was not provided');
      if (description.length > DESCRIPTION_MAX) return fail(reply, 400, `description is longer than ${DESCRIPTION_MAX} characters`);
      const mediaUrl = field(f, 'media_url', 2049);
      if (mediaUrl && (mediaUrl.length > 2048 || !/^https?:\/\/\S+$/i.test(mediaUrl))) return fail(reply, 400, 'media_url must be an http(s) URL');
      const input: NewServiceRequest = {
        client,
        serviceCode,
        lat: lat === null || long === null ? null : lat,
        long: lat === null || long === null ? null : long,
        addressString,
        description,
        email: field(f, 'email', 200),
        phone: field(f, 'phone', 50),
        firstName: field(f, 'first_name', 100),
        lastName: field(f, 'last_name', 100),
        mediaUrl,
        deviceId: field(f, 'device_id', 200),
      };
      const created = await createServiceRequest(ctx.db, input, ctx.defaultMunicipalityId);
      return reply.status(created.duplicate ? 200 : 201).send([{ service_request_id: created.id, service_notice: null, account_id: null }]);
    });

    scope.get(`${OPEN311_PREFIX}/requests.json`, async (request, reply) => {
      const q = (request.query ?? {}) as Fields;
      const ids = list(field(q, 'service_request_id', 40_000));
      const start = dateParam(field(q, 'start_date', 40));
      const end = dateParam(field(q, 'end_date', 40));
      if (start === 'bad' || end === 'bad') return fail(reply, 400, 'start_date and end_date must be W3C date-times');
      const statuses = list(field(q, 'status', 40));
      if (statuses?.some((s) => s !== 'open' && s !== 'closed')) return fail(reply, 400, 'status must be open or closed');
      // service_request_id overrides every other parameter (the specification says so).
      if (ids) return findServiceRequests(ctx.db, { ids, limit: MAX_RESULTS });
      return findServiceRequests(ctx.db, {
        serviceCodes: list(field(q, 'service_code', 2000)),
        start: start ?? (end ? new Date(end.getTime() - DEFAULT_WINDOW_MS) : new Date(Date.now() - DEFAULT_WINDOW_MS)),
        ...(end ? { end } : {}),
        statuses: statuses as Array<'open' | 'closed'> | undefined,
        limit: MAX_RESULTS,
      });
    });

    scope.get<{ Params: { id: string } }>(`${OPEN311_PREFIX}/requests/:id.json`, async (request, reply) => {
      const id = request.params.id.slice(0, 128);
      const found = isStorableString(id) ? await findServiceRequests(ctx.db, { ids: [id], limit: 1 }) : [];
      if (found.length === 0) return fail(reply, 404, `service_request_id "${request.params.id}" was not found`);
      return found;
    });
  });
}
