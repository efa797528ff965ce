/** What a connector's HTTP call to its platform came back with, or why it did not. */
export type HttpOutcome = { ok: true; status: number; json: unknown } | { ok: false; reason: 'network' | 'timeout'; detail: string };

export const PLATFORM_TIMEOUT_MS = 10_000;

/** A POST to a platform's API with a deadline; any answer with a body is returned, never thrown. */
export async function postPlatform(url: string, body: string, contentType: string, timeoutMs = PLATFORM_TIMEOUT_MS): Promise<HttpOutcome> {
  try {
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': contentType }, body, signal: AbortSignal.timeout(timeoutMs) });
    const text = await res.text();
    let json: unknown = null;
    try {
      json = JSON.parse(text);
    } catch {
      json = null;
    }
    return { ok: true, status: res.status, json };
  } catch (e) {
    const err = e as Error;
    return { ok: false, reason: err.name === 'TimeoutError' ? 'timeout' : 'network', detail: err.message.slice(0, 200) };
  }
}

/** Downloads a file of at most `maxBytes`; null when it is larger, missing or unreachable. */
export async function downloadFile(url: string, maxBytes: number, timeoutMs = PLATFORM_TIMEOUT_MS): Promise<{ bytes: Uint8Array; mime: string | null } | null> {
  if (!/^https?:\/\//i.test(url)) return null;
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    if (!res.ok || !res.body) return null;
    const declared = Number(res.headers.get('content-length') ?? 0);
    if (declared > maxBytes) return null;
    const chunks: Uint8Array[] = [];
    let size = 0;
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      size += chunk.length;
      if (size > maxBytes) return null;
      chunks.push(chunk);
    }
    return { bytes: Buffer.concat(chunks), mime: res.headers.get('content-type')?.split(';')[0]?.trim() ?? null };
  } catch {
    return null;
  }
}
