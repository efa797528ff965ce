import { computeAnalytics, share, type CountRow } from '../../shared/analytics';
import type { Appeal } from '../../shared/domain';
import { escalations, workingDaysAndHours } from '../../shared/escalation';
import { isOverdue, type AppealFacts } from '../../shared/facts';
import { isWholeMonth, periodSpan, type Period } from '../../shared/periods';
import { t } from '../i18n';
import { formatDateTime } from '../i18n/format';
import { digestSatisfaction, type DigestSatisfaction } from './digest-satisfaction';
import { digestChatbot } from './digest-chatbot';
import { workCalendar } from '../clerk/calendar';

/**
 * The digest for the regional operational HQ (оперативный штаб) for a chosen period: totals, by
 * sphere and municipality, leading topics, citizens' ratings of the answers, the overdue appeals
 * with their clerks and the notable appeals. One structure, already in Russian, feeds the screen, the spreadsheet and the PDF.
 */

export interface DigestRow {
  label: string;
  current: number;
  previous: number;
}

export interface DigestAppeal {
  id: string;
  receivedAt: number;
  dueAt: number;
  author: string;
  summary: string;
  category: string;
  municipality: string;
  assignee: string;
  status: string;
  /** Working time past the deadline, for the overdue list. */
  overdueWorkingMs: number;
  overdueText: string;
}

export interface Digest {
  title: string;
  scope: string;
  period: Period;
  previous: Period;
  periodLabel: string;
  previousLabel: string;
  generatedAt: number;
  received: DigestRow;
  answeredOnTime: { onTime: number; due: number; share: number | null };
  medianFirstResponseHours: number | null;
  overdueNow: number;
  bySphere: DigestRow[];
  byMunicipality: DigestRow[];
  topics: DigestRow[];
  /** What citizens said of the answers (the citizen's word). */
  satisfaction: DigestSatisfaction;
  /** Appeals the topic bots filed, by the bot's topic. */
  chatbot: DigestRow[];
  overdue: DigestAppeal[];
  notable: DigestAppeal[];
}

export interface DigestInput extends Names {
  facts: readonly AppealFacts[];
  period: Period;
  now: Date;
  scope: string;
  loadAppeals: (ids: string[]) => Promise<Appeal[]>;
  /** The notable list: urgent appeals of the period, newest first, at most this many. */
  notableLimit?: number;
}

const HOUR = 3_600_000;

/** «ноябрь 2026» for a whole month, «3 ноября 2026 — 9 ноября 2026» otherwise. */
export function periodLabel(p: Period): string {
  if (isWholeMonth(p)) return t('reports.month', { month: t(`reports.months.${Number(p.from.slice(5, 7))}`), year: p.from.slice(0, 4) });
  const d = (key: string) => formatDateTime(`${key}T12:00:00.000Z`).replace(/, \d\d:\d\d$/, '');
  return p.from === p.to ? d(p.from) : `${d(p.from)} — ${d(p.to)}`;
}

export function overdueText(ms: number): string {
  const { days, hours } = workingDaysAndHours(ms);
  return t('reports.overdueBy', { days, hours });
}

function firstLine(text: string, max = 200): string {
  const line = text.split(/\r?\n/).find((l) => l.trim() !== '')?.trim() ?? '';
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

export interface Names {
  userName: (id: string | null) => string;
  municipalityName: (id: string) => string;
}

/** An appeal as the digest and the spreadsheets list it, in Russian. */
export function describeAppeal(x: Appeal, names: Names, now: number, overdueWorkingMs = 0): DigestAppeal {
  return {
    id: x.id,
    receivedAt: Date.parse(x.receivedAt),
    dueAt: Date.parse(x.dueAt),
    author: x.author.name,
    summary: firstLine(x.text),
    category: t(`categories.${x.category}`),
    municipality: names.municipalityName(x.municipalityId),
    assignee: names.userName(x.assigneeId),
    status: t(`statuses.${x.status}`),
    overdueWorkingMs,
    overdueText: isOverdue({ status: x.status, dueAt: Date.parse(x.dueAt) }, now) && overdueWorkingMs > 0 ? overdueText(overdueWorkingMs) : '',
  };
}

export async function buildDigest(input: DigestInput): Promise<Digest> {
  const { facts, period, now } = input;
  const a = computeAnalytics(facts, { period, granularity: 'month', now });
  const rows = <K extends string>(list: CountRow<K>[], label: (key: K) => string) =>
    list.filter((r) => r.current > 0 || r.previous > 0).map((r) => ({ label: label(r.key), current: r.current, previous: r.previous }));

  const late = escalations(facts, now, 0, workCalendar());
  const lateById = new Map(late.map((e) => [e.id, e]));
  const t0 = now.getTime();
  const span = periodSpan(period);
  const notableFacts = facts
    .filter((f) => f.priority === 'urgent' && f.receivedAt >= span.start && f.receivedAt < span.end)
    .sort((x, y) => y.receivedAt - x.receivedAt)
    .slice(0, input.notableLimit ?? 30);
  const wanted = [...new Set([...late.map((e) => e.id), ...notableFacts.map((f) => f.id)])];
  const appeals = new Map((await input.loadAppeals(wanted)).map((x) => [x.id, x]));

  const describe = (id: string): DigestAppeal | null => {
    const x = appeals.get(id);
    return x ? describeAppeal(x, input, t0, lateById.get(id)?.overdueWorkingMs ?? 0) : null;
  };

  return {
    title: t('reports.digestTitle'),
    scope: input.scope,
    period: a.period,
    previous: a.previous,
    periodLabel: periodLabel(a.period),
    previousLabel: periodLabel(a.previous),
    generatedAt: t0,
    received: { label: t('reports.received'), current: a.total.current, previous: a.total.previous },
    answeredOnTime: { ...a.onTime.current, share: share(a.onTime.current) },
    medianFirstResponseHours: a.medianFirstResponseMs.current === null ? null : a.medianFirstResponseMs.current / HOUR,
    overdueNow: a.overdueNow,
    bySphere: rows(a.bySphere, (k) => t(`categories.${k}`)),
    byMunicipality: rows(a.byMunicipality, input.municipalityName),
    topics: a.topics.map((r) => ({ label: r.label, current: r.current, previous: r.previous })),
    satisfaction: digestSatisfaction(facts, period, input.municipalityName),
    chatbot: await digestChatbot(facts, a.period, a.previous, input.loadAppeals),
    overdue: late.map((e) => describe(e.id)).filter((x): x is DigestAppeal => x !== null),
    notable: notableFacts.map((f) => describe(f.id)).filter((x): x is DigestAppeal => x !== null),
  };
}
