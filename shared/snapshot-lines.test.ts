import { describe, expect, it } from 'vitest';
import { formatThreadLines, parseThreadLines, threadBytes, threadFromJson, ThreadLinesError } from './snapshot-lines';
import type { Thread, ThreadDoc } from './snapshot';

const thread = (appealId: string, body: string): Thread => ({
  appealId,
  replies: [],
  notes: [{ id: `n-${appealId}`, appealId, authorId: 'u-1', authorName: 'Ирина', body, createdAt: '2026-11-02T09:00:00.000Z' }],
  events: [],
  deliveries: [],
});
const doc = (t: Thread, settled = true): ThreadDoc => ({ appealId: t.appealId, settled, json: threadBytes(t) });
const bytes = (text: string) => new TextEncoder().encode(text);

describe('the closed threads as lines', () => {
  it('gives back each thread as it was sent, a line break in a note included, and which are not settled', () => {
    const docs = [doc(thread('a-1', 'Первая строка\nвторая строка')), doc(thread('a-2', 'Жду'), false)];
    const page = parseThreadLines(formatThreadLines({ head: 41, next: 'a-2' }, docs));
    expect(page).toEqual({ head: 41, next: 'a-2', docs });
    expect(threadFromJson(page.docs[0]!.json).notes[0]!.body).toBe('Первая строка\nвторая строка');
  });

  it('refuses more lines than the header names', () => {
    const body = formatThreadLines({ head: 1, next: null }, [doc(thread('a-1', 'Раз'))]);
    const extra = new Uint8Array([...body, ...bytes('{"appealId":"a-9"}\n')]);
    expect(() => parseThreadLines(extra)).toThrow(/More than/);
  });

  it('an empty last page is a header alone', () => {
    expect(parseThreadLines(formatThreadLines({ head: 3, next: null }, []))).toEqual({ head: 3, next: null, docs: [] });
  });

  it('refuses a body cut short rather than store fewer threads than were sent', () => {
    const body = formatThreadLines({ head: 1, next: null }, [doc(thread('a-1', 'Раз')), doc(thread('a-2', 'Два'))]);
    expect(() => parseThreadLines(body.slice(0, body.lastIndexOf(0x7b)))).toThrow(ThreadLinesError);
    expect(() => parseThreadLines(body.slice(0, -10))).toThrow(/Expected 2 threads, got 1/);
  });

  it('refuses a page that is not lines: an HTML error page, a header out of shape, threads out of order', () => {
    expect(() => parseThreadLines(bytes('<html>502 Bad Gateway</html>'))).toThrow(/no header/);
    expect(() => parseThreadLines(bytes('{"head":"1","next":null,"ids":[],"unsettled":[]}\n'))).toThrow(/header/);
    const swapped = formatThreadLines({ head: 1, next: null }, [doc(thread('a-2', 'Два')), doc(thread('a-1', 'Раз'))]);
    expect(() => parseThreadLines(swapped)).toThrow(/order/);
  });

  it('a kept thread that is not a thread is refused when read', () => {
    expect(() => threadFromJson(bytes('{"appealId":"a-1"}'))).toThrow(/Malformed thread/);
    expect(() => threadFromJson(bytes('{"appealId":'))).toThrow(/not JSON/);
  });
});
