/**
 * The data rows of a raw PostgreSQL wire-protocol response (what PGlite's execProtocolRawStream
 * hands over), each column as a view of `bytes`, which the caller must not reuse. An
 * ErrorResponse is thrown with PostgreSQL's message and code (SQLSTATE), as pg and PGlite do.
 * https://www.postgresql.org/docs/current/protocol-message-formats.html
 */
export function dataRows(bytes: Uint8Array): (Buffer | null)[][] {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const rows: (Buffer | null)[][] = [];
  for (let at = 0; at < buf.length; ) {
    const type = buf[at]!;
    const end = at + 1 + buf.readInt32BE(at + 1);
    if (type === 0x44 /* D: DataRow */) {
      const row: (Buffer | null)[] = [];
      let p = at + 7;
      for (let n = buf.readInt16BE(at + 5); n > 0; n--) {
        const len = buf.readInt32BE(p);
        p += 4;
        row.push(len < 0 ? null : buf.subarray(p, p + len));
        if (len > 0) p += len;
      }
      rows.push(row);
    } else if (type === 0x45 /* E: ErrorResponse */) {
      throw responseError(buf.subarray(at + 5, end));
    }
    at = end;
  }
  return rows;
}

function responseError(body: Buffer): Error {
  const fields = new Map<string, string>();
  for (let p = 0; p < body.length && body[p] !== 0; ) {
    const zero = body.indexOf(0, p + 1);
    fields.set(String.fromCharCode(body[p]!), body.toString('utf8', p + 1, zero));
    p = zero + 1;
  }
  return Object.assign(new Error(fields.get('M') ?? 'database error'), { code: fields.get('C') });
}
