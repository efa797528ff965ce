/**
 * A bare page for `npm run bench -- dashboard` (bench/dashboard.ts): fills this page's replica
 * with generated appeals and renders the supervisors' «Аналитика» screen, the real component, as
 * it opens on the workstation. The driver calls window.otklikDashboard through page.evaluate.
 */
import { createRoot, type Root } from 'react-dom/client';
import { APPEAL_STATUSES, CATEGORIES, SOURCES, type Appeal, type User } from '../shared/domain';
import { factsStore } from './analytics';
import { SNAPSHOT_DB_NAME } from './analytics/snapshot';
import { getDb, META, REPLICA_TABLES } from './db';
import './i18n';
import { useSession } from './state/session';
import type { SyncClient } from './sync';
import { AnalyticsView } from './ui/supervisor/AnalyticsView';
import './ui/styles.css';
import './ui/supervisor/supervisor.css';

const CURATOR: User = { id: 'u-curator', username: 'curator', displayName: 'Аслан Тхаркахов', role: 'supervisor', municipalityId: null };
const MUNICIPALITIES = ['maykop', 'adygeysk', 'giaginsky', 'koshekhablsky', 'krasnogvardeysky', 'maykopsky', 'takhtamukaysky', 'teuchezhsky', 'shovgenovsky'];
const PHRASES = [
  'Мне отказали в назначении единого пособия на детей, хотя доход семьи ниже прожиточного минимума.',
  'Контейнеры на улице Ленина не вывозят вторую неделю, мусор разлетается по улице.',
  'На улице Гагарина огромные ямы, после дождя не проехать.',
  'Невозможно записаться к врачу в поликлинике: талонов нет.',
  'Во дворе не горят фонари, вечером страшно выйти.',
  'Автобус №12 не ходит по расписанию, ждём по сорок минут.',
  'Батареи в квартире еле тёплые, а за отопление начисляют полностью.',
  'Мы стоим в очереди в детский сад с рождения ребёнка, а места так и не дали.',
  'Благодарим за праздник ко Дню Республики!',
];
const DAY = 86_400_000;

/** A small deterministic generator: the same records on every run. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

function generate(n: number, now: number): Appeal[] {
  const r = rng(7);
  const pick = <T,>(list: readonly T[]) => list[Math.floor(r() * list.length)]!;
  const out: Appeal[] = [];
  for (let i = 0; i < n; i++) {
    const received = now - Math.floor(r() * 365 * DAY);
    const due = received + (3 + Math.floor(r() * 25)) * DAY;
    const open = received > now - 30 * DAY && r() < 0.5;
    const status = open ? pick(['new', 'assigned', 'in_progress', 'clarification'] as const) : pick(APPEAL_STATUSES.slice(4));
    const responded = open ? null : received + Math.floor(r() * 10 * DAY);
    const iso = (ms: number) => new Date(ms).toISOString();
    out.push({
      id: `b-${String(i).padStart(6, '0')}`,
      source: pick(SOURCES),
      externalRef: `https://vk.com/wall-1_${i}`,
      author: { name: `Житель ${i}` },
      text: `${pick(PHRASES)} ${pick(PHRASES)} Адрес: ул. Мира, д. ${i % 150}.`,
      attachments: [],
      receivedAt: iso(received),
      category: pick(CATEGORIES),
      municipalityId: pick(MUNICIPALITIES),
      settlement: null,
      address: null,
      assigneeId: `u-clerk-${Math.floor(r() * 20)}`,
      status,
      priority: r() < 0.07 ? 'urgent' : 'normal',
      firstResponseDueAt: iso(received + DAY),
      dueAt: iso(due),
      firstRespondedAt: responded === null ? null : iso(responded),
      version: 3,
      updatedAt: iso(responded ?? received),
    });
  }
  return out;
}

let root: Root | null = null;

async function fill(n: number): Promise<number> {
  const db = getDb();
  const started = performance.now();
  await db.transaction('rw', [...REPLICA_TABLES.map((t) => db.table(t)), db.meta, db.outbox], async () => {
    for (const table of [...REPLICA_TABLES, 'meta', 'outbox']) await db.table(table).clear();
  });
  const appeals = generate(n, Date.now());
  for (let i = 0; i < appeals.length; i += 5000) await db.appeals.bulkPut(appeals.slice(i, i + 5000));
  await db.municipalities.bulkPut(MUNICIPALITIES.map((id) => ({ id, name: id, kind: 'district' as const, settlements: [] })));
  await db.meta.bulkPut([
    { key: META.ownerId, value: CURATOR.id },
    { key: META.cursor, value: n },
  ]);
  return performance.now() - started;
}

const nextFrame = () => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve())));

/**
 * Mounts «Аналитика» and waits until its figures and charts are on screen and painted, in ms.
 * 'cold': the first open ever (the replica read, no snapshot); 'session': the first open of a new
 * session (this session's facts gone, the last session's snapshot kept); 'open': the screen
 * opened again while the workstation runs.
 */
async function render(mode: 'cold' | 'session' | 'open'): Promise<number> {
  root?.unmount();
  document.getElementById('root')!.replaceChildren();
  if (mode !== 'open') {
    const store = factsStore(getDb(), CURATOR.id);
    if (mode === 'cold') await store.get().then(() => indexedDB.deleteDatabase(SNAPSHOT_DB_NAME));
    else await store.persist();
    store.stop();
    // A fresh store, as after a restart of the workstation.
    factsStore(getDb(), `${CURATOR.id}-restart`).stop();
  }
  await nextFrame();
  const started = performance.now();
  root = createRoot(document.getElementById('root')!);
  root.render(<AnalyticsView />);
  for (;;) {
    const ready = document.querySelector('.sv-analytics[data-ready="true"]');
    if (ready && document.querySelectorAll('.sv-chart-block .recharts-wrapper > svg').length >= 5) break;
    await new Promise((r) => setTimeout(r, 0));
  }
  await nextFrame();
  return performance.now() - started;
}

useSession.setState({
  phase: 'ready',
  session: { user: CURATOR, accessToken: '', refreshToken: '', serverUrl: location.origin },
  // The screen reads the replica only; no sync client runs on this page.
  client: {} as SyncClient,
});

declare global {
  interface Window {
    otklikDashboard?: { fill: typeof fill; render: typeof render; count: () => Promise<number> };
  }
}
window.otklikDashboard = { fill, render, count: () => getDb().appeals.count() };
document.title = 'ready';
