import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDb, type OtklikDb } from './schema';
import { DraftEditor, loadDraft, saveDraft } from './drafts';

const USER = 'u-operator';
let name: string;
let windowA: OtklikDb;
let windowB: OtklikDb;
const editors: DraftEditor[] = [];

/** Two windows of one profile: two connections to the same database. */
beforeEach(() => {
  name = `drafts-${crypto.randomUUID()}`;
  windowA = createDb(name);
  windowB = createDb(name);
});

afterEach(async () => {
  for (const e of editors.splice(0)) e.stop();
  windowA.close();
  windowB.close();
  await createDb(name).delete();
});

function editor(db: OtklikDb, windowId: string) {
  const shown: string[] = [];
  const e = new DraftEditor(db, USER, 'a1', (body) => shown.push(body), windowId);
  editors.push(e);
  e.start();
  return { e, shown, last: () => shown.at(-1) };
}

const until = async (check: () => boolean) => {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 5));
  expect(check()).toBe(true);
};

const at = (s: number) => new Date(Date.UTC(2025, 2, 3, 10, 0, s));

describe('drafts in two windows', () => {
  it('the other window shows the newer draft when it has nothing unsaved', async () => {
    const a = editor(windowA, 'A');
    const b = editor(windowB, 'B');
    a.e.type('Здравствуйте! Бригада', at(1));
    await a.e.flush();
    await until(() => b.last() === 'Здравствуйте! Бригада');
    b.e.type('Здравствуйте! Бригада выехала.', at(2));
    await b.e.flush();
    await until(() => a.last() === 'Здравствуйте! Бригада выехала.');
    expect((await loadDraft(windowA, USER, 'a1'))?.body).toBe('Здравствуйте! Бригада выехала.');
  });

  it('what is being typed is never replaced, and the later keystroke wins', async () => {
    const a = editor(windowA, 'A');
    const b = editor(windowB, 'B');
    // B typed first and has not saved yet when A's save of later typing lands.
    b.e.type('текст из окна Б', at(1));
    a.e.type('текст из окна А', at(2));
    await a.e.flush();
    await new Promise((r) => setTimeout(r, 50));
    expect(b.shown).not.toContain('текст из окна А');
    expect(b.e.hasUnsaved).toBe(true);
    // B's save is of older typing: it is dropped, and B then shows the winner.
    expect(await b.e.flush()).toBe(false);
    expect(b.last()).toBe('текст из окна А');
    expect((await loadDraft(windowB, USER, 'a1'))?.body).toBe('текст из окна А');
  });

  it('a slow save of old typing cannot bring old text back', async () => {
    await saveDraft(windowA, USER, 'a1', 'новое', { typedAt: at(5).toISOString(), windowId: 'A' });
    expect(await saveDraft(windowB, USER, 'a1', 'старое', { typedAt: at(3).toISOString(), windowId: 'B' })).toBe(false);
    expect((await loadDraft(windowA, USER, 'a1'))?.body).toBe('новое');
  });

  it('a reply sent from one window clears the draft in the other', async () => {
    const a = editor(windowA, 'A');
    const b = editor(windowB, 'B');
    a.e.type('ответ', at(1));
    await a.e.flush();
    await until(() => b.last() === 'ответ');
    // Sending removes the draft in the same transaction as the outbox entry.
    await windowA.drafts.delete('a1');
    a.e.sent();
    await until(() => b.last() === '');
  });

  it('a draft written before stamps existed still loads and can be overwritten', async () => {
    await windowA.drafts.put({ appealId: 'a1', body: 'старый черновик', userId: USER, updatedAt: at(1).toISOString() });
    const b = editor(windowB, 'B');
    await until(() => b.last() === 'старый черновик');
    b.e.type('новый', at(9));
    expect(await b.e.flush()).toBe(true);
    expect((await loadDraft(windowA, USER, 'a1'))?.body).toBe('новый');
  });

  it('another person’s draft on a shared PC is neither shown nor in a race', async () => {
    await saveDraft(windowA, 'u-colleague', 'a1', 'чужой', { typedAt: at(9).toISOString(), windowId: 'A' });
    const b = editor(windowB, 'B');
    await new Promise((r) => setTimeout(r, 30));
    expect(b.shown).toEqual([]);
    b.e.type('мой', at(1));
    expect(await b.e.flush()).toBe(true);
  });
});
