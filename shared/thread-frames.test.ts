import { describe, expect, it } from 'vitest';
import { formatThreadFrames, parseThreadFrames, threadBytes, threadFrame, threadFromBytes, ThreadFramesError } from './thread-frames';
import type { Thread, ThreadDoc } from './snapshot';

const thread = (appealId: string, body: string): Thread => ({
  appealId,
  replies: [],
  notes: [{ id: `n-${appealId}`, appealId, authorId: 'u-1', authorName: 'Ирина', body, createdAt: '2026-11-02T09:00:00.000Z' }],
  events: [],
  deliveries: [],
});
const doc = (t: Thread, settled = true): ThreadDoc => ({ appealId: t.appealId, settled, bytes: threadFrame(t) });
const text = (s: string) => new TextEncoder().encode(s);
const cat = (...parts: Uint8Array[]) => new Uint8Array(parts.flatMap((p) => [...p]));

describe('the closed threads as gzip frames', () => {
  it('gives back each thread as it was sent, a line break in a note included, and which are not settled', () => {
    const docs = [doc(thread('a-1', 'Первая строка\nвторая строка')), doc(thread('a-2', 'Жду'), false)];
    const page = parseThreadFrames(formatThreadFrames({ head: 41, next: 'a-2' }, docs));
    expect(page).toEqual({ head: 41, next: 'a-2', docs });
    expect(threadFromBytes(page.docs[0]!.bytes).notes[0]!.body).toBe('Первая строка\nвторая строка');
  });

  it('a frame is smaller than the JSON it holds: what a rural link downloads and an old disk keeps', () => {
    const long = thread('a-1', 'Здравствуйте! Яма во дворе дома 5 по улице Пушкина не заделана. '.repeat(20));
    expect(threadFrame(long).length * 3).toBeLessThan(threadBytes(long).length);
  });

  it('reads a thread kept as plain JSON too (a replica written before frames, a page from an older server)', () => {
    expect(threadFromBytes(threadBytes(thread('a-1', 'Раз'))).notes[0]!.body).toBe('Раз');
  });

  it('an empty last page is a header alone', () => {
    expect(parseThreadFrames(formatThreadFrames({ head: 3, next: null }, []))).toEqual({ head: 3, next: null, docs: [] });
  });

  it('refuses a body cut short or run long rather than store other threads than were sent', () => {
    const body = formatThreadFrames({ head: 1, next: null }, [doc(thread('a-1', 'Раз')), doc(thread('a-2', 'Два'))]);
    expect(() => parseThreadFrames(body.slice(0, -10))).toThrow(ThreadFramesError);
    expect(() => parseThreadFrames(body.slice(0, -10))).toThrow(/got \d+/);
    expect(() => parseThreadFrames(cat(body, threadFrame(thread('a-9', 'Лишний'))))).toThrow(/Expected/);
  });

  it('refuses a page that is not frames: an HTML error page, a header out of shape, threads out of order, a frame that is not gzip', () => {
    expect(() => parseThreadFrames(text('<html>502 Bad Gateway</html>'))).toThrow(/no header/);
    expect(() => parseThreadFrames(text('{"head":"1","next":null,"ids":[],"unsettled":[],"sizes":[]}\n'))).toThrow(/header/);
    expect(() => parseThreadFrames(text('{"head":1,"next":null,"ids":["a-1"],"unsettled":[],"sizes":[]}\n'))).toThrow(/header/);
    const swapped = formatThreadFrames({ head: 1, next: null }, [doc(thread('a-2', 'Два')), doc(thread('a-1', 'Раз'))]);
    expect(() => parseThreadFrames(swapped)).toThrow(/order/);
    const plain = formatThreadFrames({ head: 1, next: null }, [{ appealId: 'a-1', settled: true, bytes: threadBytes(thread('a-1', 'Раз')) }]);
    expect(() => parseThreadFrames(plain)).toThrow(/Malformed thread of a-1/);
  });

  it('a kept thread that is cut short or not a thread is refused when read', () => {
    const frame = threadFrame(thread('a-1', 'Позвонила в УК'));
    expect(() => threadFromBytes(frame.slice(0, -20))).toThrow(/neither a frame nor JSON/);
    expect(() => threadFromBytes(text('{"appealId":"a-1"}'))).toThrow(/Malformed thread/);
    expect(() => threadFromBytes(text('{"appealId":'))).toThrow(/neither/);
  });
});
