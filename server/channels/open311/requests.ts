import { createHash } from 'node:crypto';
import { categorySchema } from '../../../shared/domain';
import { PLATFORM_SOURCE } from '../../../shared/channels/platforms';
import type { Db } from '../../db/types';
import { intakeAppeal } from '../../intake';
import { municipalityOfPlace } from '../route-place';
import { serviceName } from './services';

/** A service request as a client posted it (GeoReport v2 "POST Service Request"), already checked. */
export interface NewServiceRequest {
  client: string;
  serviceCode: string;
  lat: number | null;
  long: number | null;
  addressString: string | null;
  description: string;
  email: string | null;
  phone: string | null;
  firstName: string | null;
  lastName: string | null;
  mediaUrl: string | null;
  deviceId: string | null;
}

/**
 * The same request posted again (a client retrying after a timeout) must not make a second
 * appeal; GeoReport v2 has no request key, so the key is the request's own content.
 */
function dedupKey(r: NewServiceRequest): string {
  const fields = [r.client, r.serviceCode, r.lat, r.long, r.addressString, r.description, r.email, r.phone, r.deviceId, r.mediaUrl];
  return createHash('sha256').update(JSON.stringify(fields)).digest('base64url');
}

function appealText(r: NewServiceRequest): string {
  const lines = [r.description];
  if (r.mediaUrl) lines.push('', `Фото: ${r.mediaUrl}`);
  return lines.join('\n');
}

function location(r: NewServiceRequest): string {
  const coords = r.lat !== null && r.long !== null ? `${r.lat}, ${r.long}` : null;
  return [r.addressString, coords ? `координаты ${coords}` : null].filter(Boolean).join('; ');
}

/**
 * Files the request as an appeal through the common intake (source per PLATFORM_SOURCE), then
 * records its Open311 side. The two are separate transactions: a crash between them leaves an
 * appeal without its row, and the client's retry (same content, same key) finds the appeal and
 * writes the row then.
 */
export async function createServiceRequest(db: Db, r: NewServiceRequest, defaultMunicipalityId: string): Promise<{ id: string; duplicate: boolean }> {
  const key = dedupKey(r);
  const name = [r.firstName, r.lastName].filter(Boolean).join(' ').trim();
  const contact = [r.email, r.phone].filter(Boolean).join(', ');
  const municipalityId = await municipalityOfPlace(db, r.addressString);
  const loc = location(r);
  const appeal = await intakeAppeal(
    db,
    {
      source: PLATFORM_SOURCE.open311,
      externalRef: `open311:${key}`,
      author: { name: (name || 'Заявитель Open311').slice(0, 200), ...(contact ? { contact: contact.slice(0, 200) } : {}) },
      text: appealText(r),
      ...(loc ? { address: loc.slice(0, 500) } : {}),
      category: categorySchema.parse(r.serviceCode),
      ...(municipalityId ? { municipalityId } : {}),
    },
    defaultMunicipalityId,
  );
  await db.query(
    `INSERT INTO open311_requests (service_request_id, appeal_id, dedup_key, service_code, lat, long, address_string, media_url, requested_at)
     VALUES ($1, $1, $2, $3, $4, $5, $6, $7, now()) ON CONFLICT DO NOTHING`,
    [appeal.id, key, r.serviceCode, r.lat, r.long, r.addressString, r.mediaUrl],
  );
  return { id: appeal.id, duplicate: appeal.duplicate };
}

/** One service request as GeoReport v2 returns it ("GET Service Request(s)"). */
export interface ServiceRequestView {
  service_request_id: string;
  status: 'open' | 'closed';
  status_notes: string | null;
  service_name: string | null;
  service_code: string;
  description: string;
  agency_responsible: string;
  service_notice: string | null;
  requested_datetime: string;
  updated_datetime: string;
  expected_datetime: string | null;
  address: string | null;
  address_id: null;
  zipcode: null;
  lat: number | null;
  long: number | null;
  media_url: string | null;
}

export interface RequestFilter {
  ids?: string[];
  serviceCodes?: string[];
  start?: Date;
  end?: Date;
  statuses?: Array<'open' | 'closed'>;
  limit: number;
}

/** An appeal that was answered (the reply published), resolved or closed is `closed` for Open311. */
const CLOSED = `a.status IN ('answered', 'resolved', 'closed')`;

export async function findServiceRequests(db: Db, f: RequestFilter): Promise<ServiceRequestView[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, value: unknown) => {
    params.push(value);
    where.push(sql.replace('?', `$${params.length}`));
  };
  if (f.ids) add('o.service_request_id = ANY(?::text[])', f.ids);
  if (f.serviceCodes) add('o.service_code = ANY(?::text[])', f.serviceCodes);
  if (f.start) add('o.requested_at >= ?', f.start.toISOString());
  if (f.end) add('o.requested_at <= ?', f.end.toISOString());
  if (f.statuses && f.statuses.length === 1) where.push(f.statuses[0] === 'closed' ? CLOSED : `NOT (${CLOSED})`);
  params.push(f.limit);
  const res = await db.query<Omit<ServiceRequestView, 'service_name' | 'address_id' | 'zipcode'>>(
    `SELECT o.service_request_id, CASE WHEN ${CLOSED} THEN 'closed' ELSE 'open' END AS status,
       (SELECT r.body FROM replies r WHERE r.appeal_id = a.id AND r.state = 'published' ORDER BY r.updated_at DESC, r.id DESC LIMIT 1) AS status_notes,
       o.service_code, a.text AS description, m.name AS agency_responsible, NULL AS service_notice,
       iso(o.requested_at) AS requested_datetime, iso(a.updated_at) AS updated_datetime, iso(a.due_at) AS expected_datetime,
       COALESCE(o.address_string, a.address) AS address, o.lat, o.long, o.media_url
     FROM open311_requests o JOIN appeals a ON a.id = o.appeal_id JOIN municipalities m ON m.id = a.municipality_id
     ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
     ORDER BY o.requested_at DESC, o.service_request_id LIMIT $${params.length}`,
    params,
  );
  return res.rows.map((r) => ({
    ...r,
    service_name: serviceName(r.service_code),
    address_id: null,
    zipcode: null,
    lat: r.lat === null ? null : Number(r.lat),
    long: r.long === null ? null : Number(r.long),
  }));
}
