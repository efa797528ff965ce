/**
 * The interaction benchmark's page (not part of the app): fills the local database with generated
 * appeals, mounts the real workstation screen on it with no server, and times what a clerk does —
 * open an appeal, switch a view, apply a filter, search — from the input to the updated screen,
 * and the frames of a scroll through the list.
 * Driven by bench/interaction.ts through window.otklikInteraction.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './i18n';
import './ui/styles.css';
import type { Appeal, Category, Reply, User } from '../shared/domain';
import { CATEGORIES, SOURCES } from '../shared/domain';
import { getDb, REPLICA_TABLES } from './db';
import { bulkPutKeyed } from './db/keyed-write';
import { useSession } from './state/session';
import { SyncClient } from './sync';
import { getAppealSearch, getReplicaIndex } from './ui/queue/index-context';
import { useQueue } from './ui/queue/queue-store';
import { NO_FILTERS, VIEW_IDS, type ViewId } from './ui/queue/views';
import { Workspace } from './ui/Workspace';

const USER: User = { id: 'u-bench', username: 'bench', displayName: 'Ирина Петрова', role: 'clerk', municipalityId: 'bench-mo' };

// Sentences of real appeals' kind: each word occurs in a few of them, as in a region's mail.
const PHRASES = [
  'На нашей улице разбита дорога, после дождя огромные ямы и лужи',
  'Во дворе третий день не горят фонари, вечером очень темно',
  'Не вывозят мусор с контейнерной площадки уже неделю',
  'В подъезде течёт крыша, вода заливает квартиру на пятом этаже',
  'В доме холодные батареи, отопление не работает с понедельника',
  'Нет холодной воды, управляющая компания не отвечает на звонки',
  'Прорвало трубу водопровода, вода идёт по тротуару',
  'Канализация засорилась, в подвале стоит вода и запах',
  'Автобус номер пять не ходит по расписанию, люди ждут по часу',
  'На остановке нет навеса и скамейки, пожилым тяжело ждать',
  'Не работает светофор на перекрёстке у рынка',
  'Не могу записаться к терапевту в поликлинику, запись закрыта',
  'В детском саду не хватает мест, очередь не двигается',
  'В школе не работает столовая, дети остаются без обеда',
  'Бродячие собаки у школы нападают на детей',
  'Стихийная свалка за гаражами, мусор жгут по ночам',
  'Упало дерево на детскую площадку, качели сломаны',
  'Не убирают снег и гололёд на тротуарах возле аптеки',
  'Задерживают выплату пособия на ребёнка уже второй месяц',
  'Прошу помочь с оформлением субсидии на оплату коммунальных услуг',
  'Сосед устроил автосервис во дворе, шум и грязь',
  'Нет уличного освещения на въезде в посёлок',
  'Лифт в доме не работает уже две недели',
  'Просим отремонтировать мост через речку, он в аварийном состоянии',
  'Не скошена трава на обочинах, много клещей',
  'Плохая мобильная связь и нет интернета в хуторе',
  'Аптека не выдаёт льготные лекарства, говорят нет поставки',
  'Рейсовый автобус в район отменили, добираться не на чем',
  'Ремонт дороги сделали плохо, асфальт уже треснул',
  'Просим установить лежачего полицейского возле школы',
  'Во дворе парковка на газоне, машины перекрывают проезд',
  'Газ отключили без предупреждения, когда включат',
  'Электричество пропадает каждый вечер, сгорела техника',
  'Памятник в парке в плохом состоянии, нужна покраска',
  'На кладбище не вывозят мусор и нет воды для полива',
  'Не работает банкомат в сельском отделении почты',
  'Прошу проверить качество питьевой воды, она мутная',
  'У многоквартирного дома обвалился козырёк над входом',
  'Спортивная площадка у школы закрыта на замок',
  'Фельдшерский пункт в селе закрыт, врача нет месяц',
];
const NAMES = ['Заур Хачемизов', 'Бэла Тхагапсова', 'Марина Шхалахова', 'Руслан Тлехас', 'Нафисет Шеуджен', 'Ольга Гончарова', 'Аслан Меретуков', 'Светлана Берзегова'];
const SETTLEMENTS = ['Майкоп', 'Ханская', 'Гиагинская', 'Яблоновский', 'Тахтамукай', 'Кошехабль', 'Красногвардейское', 'Адыгейск', 'Хакуринохабль', 'Понежукай'];
const STREETS = ['ул. Ленина', 'ул. Пушкина', 'ул. Гагарина', 'ул. Мира', 'ул. Шовгенова', 'ул. Победы', 'ул. Советская', 'ул. Кирова'];
const STATUSES = ['new', 'assigned', 'in_progress', 'clarification', 'answered', 'resolved', 'closed', 'closed', 'closed', 'resolved'] as const;

function rng(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296);
}

/** Appeals of one municipality: a twentieth assigned to the bench clerk, deadlines around now. */
export function generate(count: number): { appeals: Appeal[]; replies: Reply[] } {
  const r = rng(count);
  const pick = <T,>(list: readonly T[]) => list[Math.floor(r() * list.length)]!;
  const now = Date.now();
  const appeals: Appeal[] = [];
  const replies: Reply[] = [];
  for (let i = 0; i < count; i++) {
    const id = `b-${String(i).padStart(6, '0')}`;
    const text = Array.from({ length: 1 + Math.floor(r() * 3) }, () => pick(PHRASES)).join('. ');
    const received = now - Math.floor(r() * 200 * 86_400_000);
    const due = now + Math.floor((r() - 0.3) * 30 * 86_400_000);
    const iso = (ms: number) => new Date(ms).toISOString();
    appeals.push({
      id,
      source: pick(SOURCES),
      externalRef: `https://vk.com/wall-1_${i}`,
      author: { name: pick(NAMES) },
      text: `Здравствуйте! ${text}. Примите меры.`,
      attachments: [],
      receivedAt: iso(received),
      category: pick(CATEGORIES) as Category,
      municipalityId: 'bench-mo',
      settlement: pick(SETTLEMENTS),
      address: `${pick(STREETS)}, д. ${1 + Math.floor(r() * 120)}`,
      assigneeId: r() < 0.05 ? USER.id : `u-clerk-${Math.floor(r() * 30)}`,
      status: pick(STATUSES),
      priority: r() < 0.08 ? 'urgent' : 'normal',
      firstResponseDueAt: iso(received + 8 * 3_600_000),
      dueAt: iso(due),
      firstRespondedAt: null,
      version: 1,
      updatedAt: iso(received),
    });
    if (r() < 0.3) {
      replies.push({
        id: `r-${id}`,
        appealId: id,
        authorId: USER.id,
        authorName: USER.displayName,
        body: `Здравствуйте! Ваше обращение рассмотрено: ${pick(PHRASES).toLowerCase()} — работы запланированы, подрядчик выйдет на место.`,
        attachments: [],
        state: 'published',
        createdAt: iso(received + 86_400_000),
        updatedAt: iso(received + 86_400_000),
      });
    }
  }
  return { appeals, replies };
}

const db = getDb();

async function fill(count: number): Promise<number> {
  const started = performance.now();
  await db.transaction('rw', [...REPLICA_TABLES.map((t) => db.table(t)), db.meta], async () => {
    for (const t of [...REPLICA_TABLES, 'meta']) await db.table(t).clear();
  });
  const { appeals, replies } = generate(count);
  await db.users.put(USER);
  await db.municipalities.put({ id: 'bench-mo', name: 'Майкоп', kind: 'city', settlements: SETTLEMENTS });
  await db.templates.put({ id: 't1', title: 'Благодарность', body: 'Здравствуйте, {{citizenName}}!', ownerId: null, municipalityId: null, updatedAt: new Date().toISOString() });
  // Pages of 5,000, as a pull writes them.
  for (let i = 0; i < appeals.length; i += 5000) await db.appeals.bulkPut(appeals.slice(i, i + 5000));
  for (let i = 0; i < replies.length; i += 5000) await db.replies.bulkPut(replies.slice(i, i + 5000));
  return performance.now() - started;
}

let mountedAt = 0;

async function mount(): Promise<{ firstRowsMs: number; fullIndexMs: number }> {
  const started = (mountedAt = performance.now());
  localStorage.clear();
  const session = { user: USER, accessToken: 'bench', refreshToken: 'bench', serverUrl: location.origin };
  const client = new SyncClient({ db, session, saveSession: () => undefined, createEventSource: null, events: null });
  useSession.setState({ phase: 'ready', session, client, openAppealId: null });
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <Workspace />
    </StrictMode>,
  );
  await until(() => document.querySelector('#queue [data-appeal-id]') !== null);
  const firstRowsMs = performance.now() - started;
  await getReplicaIndex().ready();
  return { firstRowsMs, fullIndexMs: performance.now() - started };
}

/** Milliseconds from the mount until the search index (built in a worker after the queue's) is ready. */
async function searchReady(): Promise<number> {
  await getAppealSearch().warm();
  return performance.now() - mountedAt;
}

/** Resolves at the first frame after `done()` holds (checked on every DOM change). */
function until(done: () => boolean, timeoutMs = 30_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const finish = () => requestAnimationFrame(() => resolve());
    if (done()) return finish();
    const timer = setTimeout(() => (observer.disconnect(), reject(new Error('timed out'))), timeoutMs);
    const observer = new MutationObserver(() => {
      if (!done()) return;
      observer.disconnect();
      clearTimeout(timer);
      finish();
    });
    observer.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
  });
}

const listbox = () => document.getElementById('queue')!;
const idle = () => listbox().getAttribute('aria-busy') === 'false';

async function time(action: () => void, done: () => boolean): Promise<number> {
  const started = performance.now();
  // Marks for a timeline trace of the benchmark (DevTools' performance panel shows them).
  performance.mark('action');
  action();
  await until(done);
  performance.mark('shown');
  return performance.now() - started;
}

const SEARCHES = ['дороги', 'фонарь', 'Пушкина', 'освещения посёлок', 'водопроводом', 'Тхагапсова', 'крыша течёт', 'контейнеры', 'автобусы остановка', 'гололёда'];

type Kind = 'open' | 'view' | 'filter' | 'search' | 'live';

async function measure(kind: Kind, runs: number): Promise<number[]> {
  const out: number[] = [];
  const q = useQueue.getState;
  for (let i = 0; i < runs; i++) {
    if (kind === 'open') {
      const items = q().visible;
      const id = items[(i * 7919) % Math.max(1, items.length)]!.id;
      out.push(await time(() => useSession.getState().openAppeal(id), () => document.querySelector(`article.appeal[data-appeal-id="${id}"] #history-heading`) !== null));
    } else if (kind === 'view') {
      const view = VIEW_IDS[(i + 1) % VIEW_IDS.length]!;
      const key = String(VIEW_IDS.indexOf(view) + 1);
      out.push(await time(() => window.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true })), () => listbox().dataset.view === view && idle()));
    } else if (kind === 'filter') {
      const category = i % 2 === 0 ? CATEGORIES[i % CATEGORIES.length]! : '';
      const want = JSON.stringify({ ...q().filters, category });
      out.push(await time(() => q().setFilter('category', category as Category | ''), () => listbox().dataset.filters === want && idle()));
    } else if (kind === 'live') {
      // A change pulled from the server (another clerk took the appeal in work), written as a
      // pull writes it, until the row on screen shows it.
      const shown = q().visible;
      const id = shown[i % Math.min(10, shown.length)]!.id;
      const changed = takenInWork((await db.appeals.get(id))!);
      out.push(await time(() => void db.appeals.put(changed), () => rowShows(changed)));
    } else {
      const query = `${SEARCHES[i % SEARCHES.length]!}${i >= SEARCHES.length ? ' ' : ''}`;
      out.push(await time(() => q().setSearch(query), () => listbox().dataset.search === query && idle()));
      await time(() => q().setSearch(''), () => listbox().dataset.search === '' && idle());
    }
  }
  return out;
}

/**
 * A reply typed into the open appeal's composer, in a few bursts as a clerk types (each burst goes
 * through React's onChange and the draft's debounced write): `runs` appeals, each opened first.
 */
async function compose(runs: number): Promise<number> {
  const setValue = Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value')!.set!;
  for (let i = 0; i < runs; i++) {
    const items = useQueue.getState().visible;
    const id = items[(i * 104729) % Math.max(1, items.length)]!.id;
    useSession.getState().openAppeal(id);
    const selector = `article.appeal[data-appeal-id="${id}"] textarea[data-shortcut="reply"]`;
    await until(() => document.querySelector(selector) !== null);
    const area = document.querySelector<HTMLTextAreaElement>(selector)!;
    let text = area.value;
    for (const burst of ['Здравствуйте! ', 'Ваше обращение рассмотрено. ', 'Работы будут выполнены до конца месяца. ', 'С уважением, администрация.']) {
      text += burst;
      setValue.call(area, text);
      area.dispatchEvent(new Event('input', { bubbles: true }));
      await new Promise((r) => setTimeout(r, 20));
    }
    area.dispatchEvent(new FocusEvent('focusout', { bubbles: true }));
  }
  // The drafts the typing left: the caller checks that the typing reached the composer at all.
  await new Promise((r) => setTimeout(r, 400));
  return db.drafts.count();
}

/** The appeal as another clerk's change leaves it: the status moved on, one version later. */
const takenInWork = (row: Appeal): Appeal => ({ ...row, version: row.version + 1, status: row.status === 'in_progress' ? 'clarification' : 'in_progress' });

/** Whether the queue's row of the appeal shows this version of it. */
const rowShows = (appeal: Appeal) => document.querySelector(`#queue [data-appeal-id="${appeal.id}"][data-version="${appeal.version}"]`) !== null;

/** The queue on `view` with no filters and no search, once it has settled. */
async function showView(view: ViewId): Promise<void> {
  useQueue.setState({ filters: NO_FILTERS, search: '' });
  useQueue.getState().setView(view);
  await until(() => idle() && listbox().dataset.view === view && listbox().dataset.search === '');
}

/** Resets the queue before a series, so every series starts from the same screen. */
function prepare(kind: Kind): Promise<void> {
  return showView(kind === 'view' ? 'mine' : 'all');
}

/**
 * Scrolls the widest list down, a wheel's worth every frame, and returns each frame's length: a
 * frame much longer than the display's (16.7 ms at 60 Hz) is one the clerk sees stutter.
 */
async function scroll(frames: number): Promise<number[]> {
  await showView('all');
  return scrollFrames(listbox(), frames);
}

/**
 * The same scroll over a plain copy of the rows on screen, repeated (static markup, the same
 * styles, no React, no virtualizer), laid over the list: the frames this machine drops by itself.
 */
async function scrollPlain(frames: number): Promise<number[]> {
  const list = listbox();
  const box = list.getBoundingClientRect();
  const rows = [...list.querySelectorAll<HTMLElement>('[data-appeal-id]')].map((row) => {
    const copy = row.cloneNode(true) as HTMLElement;
    copy.removeAttribute('id');
    copy.removeAttribute('style');
    copy.style.height = `${row.offsetHeight}px`;
    return copy;
  });
  const plain = document.createElement('div');
  plain.className = 'queue-list';
  plain.style.cssText = `position: fixed; left: ${box.left}px; top: ${box.top}px; width: ${box.width}px; height: ${box.height}px; background: #fff; z-index: 1000`;
  const height = 40 * (frames + 60) + box.height;
  for (let filled = 0, i = 0; filled < height && rows.length > 0; i++) {
    const row = rows[i % rows.length]!.cloneNode(true) as HTMLElement;
    plain.append(row);
    filled += parseFloat(row.style.height);
  }
  document.body.append(plain);
  try {
    await scrollFrames(plain, 30);
    plain.scrollTop = 0;
    return await scrollFrames(plain, frames);
  } finally {
    plain.remove();
  }
}

/**
 * A page of 100 changed appeals (a supervisor's bulk reassignment) written as a pull writes it
 * (`keyed`), or as one bulkPut, which Dexie reports as the whole table changed: from the write
 * until the first of them shows the change on screen.
 */
async function bulk(runs: number, keyed: boolean): Promise<number[]> {
  await showView('all');
  // The scrolls before left the list at its end: back to the top, where the changed rows are.
  listbox().scrollTop = 0;
  const top = useQueue.getState().visible[0]!.id;
  await until(() => document.querySelector(`#queue [data-appeal-id="${top}"]`) !== null);
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const ids = useQueue.getState().visible.slice(0, 100).map((v) => v.id);
    const rows = (await db.appeals.bulkGet(ids)).map((row) => takenInWork(row!));
    const write = () => (keyed ? db.transaction('rw', db.appeals, async () => await bulkPutKeyed(db.appeals, rows)) : db.appeals.bulkPut(rows));
    out.push(await time(() => void write(), () => rowShows(rows[0]!)));
  }
  return out;
}

function scrollFrames(list: HTMLElement, frames: number): Promise<number[]> {
  list.scrollTop = 0;
  return new Promise((resolve) => {
    const lengths: number[] = [];
    let last = 0;
    const step = (at: number) => {
      if (last > 0) lengths.push(at - last);
      last = at;
      list.scrollTop += 40;
      if (lengths.length < frames) requestAnimationFrame(step);
      else resolve(lengths);
    };
    requestAnimationFrame(step);
  });
}

declare global {
  interface Window {
    otklikInteraction?: {
      fill: typeof fill;
      mount: typeof mount;
      searchReady: typeof searchReady;
      prepare: typeof prepare;
      measure: typeof measure;
      scroll: typeof scroll;
      scrollPlain: typeof scrollPlain;
      bulk: typeof bulk;
      compose: typeof compose;
      count(): Promise<number>;
    };
  }
}

window.otklikInteraction = { fill, mount, searchReady, prepare, measure, scroll, scrollPlain, bulk, compose, count: () => db.appeals.count() };
document.title = 'ready';
