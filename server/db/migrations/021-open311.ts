/**
 * Open311 GeoReport v2 requests: what a city app sent beside the appeal it became (the location
 * the appeal has no columns for, the service code, the photo link), and the key that makes the
 * same request posted twice one appeal.
 */
export const sql = /* sql */ `
CREATE TABLE open311_requests (
  service_request_id text PRIMARY KEY,
  appeal_id text NOT NULL UNIQUE,
  dedup_key text NOT NULL UNIQUE,
  service_code text NOT NULL,
  lat double precision,
  long double precision,
  address_string text,
  media_url text,
  requested_at timestamptz NOT NULL
);
CREATE INDEX open311_requests_requested ON open311_requests (requested_at);
`;
