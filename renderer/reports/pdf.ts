import { t } from '../i18n';
import { formatDateTime } from '../i18n/format';
import type { Digest, DigestAppeal, DigestRow } from './digest';
import { satisfactionPdf } from './digest-satisfaction';

/**
 * The digest as a pdfmake document: A4, one font with Cyrillic (DejaVu Sans, embedded), tables
 * that print well in black and white. Pure data, so tests build it without a browser.
 */

export const PDF_FONT = 'DejaVu';
/** The overdue list in print stops here; the spreadsheet has all of it. */
export const PDF_OVERDUE_LIMIT = 60;

type Node = Record<string, unknown> | string;

const signed = (n: number) => (n > 0 ? `+${n}` : String(n));
const percent = (r: DigestRow) => (r.previous === 0 ? '—' : `${signed(Math.round(((r.current - r.previous) / r.previous) * 100))}%`);

function figuresTable(title: string, first: string, rows: readonly DigestRow[], total: boolean): Node[] {
  if (rows.length === 0) return [];
  const body: unknown[][] = [
    [first, t('reports.current'), t('reports.previous'), t('reports.change'), t('reports.changePercent')].map((text) => ({ text, style: 'th' })),
    ...rows.map((r) => [r.label, num(r.current), num(r.previous), num(signed(r.current - r.previous)), num(percent(r))]),
  ];
  if (total) {
    const sum = { label: t('reports.total'), current: rows.reduce((s, r) => s + r.current, 0), previous: rows.reduce((s, r) => s + r.previous, 0) };
    body.push([{ text: sum.label, bold: true }, num(sum.current, true), num(sum.previous, true), num(signed(sum.current - sum.previous), true), num(percent(sum), true)]);
  }
  return [
    { text: title, style: 'h2' },
    { table: { headerRows: 1, widths: ['*', 58, 78, 62, 66], body }, layout: 'lightHorizontalLines', margin: [0, 0, 0, 8] },
  ];
}

function num(value: number | string, bold = false): Node {
  return { text: String(value), alignment: 'right', ...(bold ? { bold: true } : {}) };
}

function appealsTable(title: string, list: readonly DigestAppeal[], withOverdue: boolean, limit: number): Node[] {
  const shown = list.slice(0, limit);
  const head = [t('reports.columns.number'), t('reports.columns.appeal'), t('reports.columns.municipality'), t('reports.columns.assignee'), t('reports.columns.due')];
  if (withOverdue) head.push(t('reports.columns.overdue'));
  const body = [
    head.map((text) => ({ text, style: 'th' })),
    ...shown.map((a, i) => {
      const row: Node[] = [
        String(i + 1),
        { stack: [{ text: `${a.author} · ${a.category}`, bold: true }, { text: a.summary, fontSize: 7.5 }] },
        a.municipality,
        a.assignee,
        formatDateTime(new Date(a.dueAt)),
      ];
      if (withOverdue) row.push(a.overdueText);
      return row;
    }),
  ];
  const widths = withOverdue ? [16, '*', 70, 70, 62, 52] : [16, '*', 80, 80, 70];
  const out: Node[] = [{ text: title, style: 'h2' }];
  if (shown.length === 0) return [...out, { text: t('reports.none'), italics: true, margin: [0, 0, 0, 8] }];
  out.push({ table: { headerRows: 1, dontBreakRows: true, widths, body }, layout: 'lightHorizontalLines', fontSize: 8, margin: [0, 0, 0, 4] });
  if (list.length > shown.length) out.push({ text: t('reports.moreInXlsx', { count: list.length - shown.length }), italics: true, fontSize: 8, margin: [0, 0, 0, 8] });
  return out;
}

export function digestDocument(d: Digest): Record<string, unknown> {
  const share = d.answeredOnTime.share === null ? '—' : `${(d.answeredOnTime.share * 100).toFixed(1).replace('.', ',')}%`;
  const median = d.medianFirstResponseHours === null ? '—' : t('reports.hours', { value: d.medianFirstResponseHours.toFixed(1).replace('.', ',') });
  const key: unknown[][] = [
    [{ text: t('reports.received'), bold: true }, num(d.received.current), { text: t('reports.previousValue', { count: d.received.previous }), fontSize: 8 }],
    [{ text: t('reports.overdueNow'), bold: true }, num(d.overdueNow), ''],
    [{ text: t('reports.medianHours'), bold: true }, num(median), ''],
    [{ text: t('reports.onTimeShare'), bold: true }, num(share), { text: t('reports.onTimeOf', { onTime: d.answeredOnTime.onTime, due: d.answeredOnTime.due }), fontSize: 8 }],
  ];
  return {
    pageSize: 'A4',
    pageMargins: [36, 48, 36, 40],
    info: { title: `${d.title}, ${d.periodLabel}`, creator: 'Отклик', producer: 'Отклик' },
    defaultStyle: { font: PDF_FONT, fontSize: 9, lineHeight: 1.15 },
    styles: {
      h1: { fontSize: 15, bold: true, margin: [0, 0, 0, 4] },
      h2: { fontSize: 11, bold: true, margin: [0, 8, 0, 4] },
      th: { bold: true, fillColor: '#e8eaed' },
      meta: { fontSize: 9, color: '#333333' },
    },
    footer: (page: number, pages: number) => ({ text: t('reports.page', { page, pages }), alignment: 'center', fontSize: 8, margin: [0, 12, 0, 0] }),
    content: [
      { text: d.title, style: 'h1' },
      { text: `${t('reports.period')}: ${d.periodLabel} (${t('reports.comparedWith').toLowerCase()}: ${d.previousLabel})`, style: 'meta' },
      { text: `${t('reports.scope')}: ${d.scope}. ${t('reports.generated')}: ${formatDateTime(new Date(d.generatedAt))}`, style: 'meta', margin: [0, 0, 0, 8] },
      { table: { widths: ['*', 70, 150], body: key }, layout: 'lightHorizontalLines', margin: [0, 0, 0, 4] },
      ...figuresTable(t('reports.bySphere'), t('reports.sphere'), d.bySphere, true),
      ...figuresTable(t('reports.byMunicipality'), t('reports.municipality'), d.byMunicipality, true),
      ...figuresTable(t('reports.topics'), t('reports.topic'), d.topics, false),
      ...satisfactionPdf(d.satisfaction),
      ...figuresTable(t('reports.chatbot.heading'), t('reports.chatbot.sphere'), d.chatbot, true),
      ...appealsTable(t('reports.overdueList', { count: d.overdue.length }), d.overdue, true, PDF_OVERDUE_LIMIT),
      ...appealsTable(t('reports.notableList', { count: d.notable.length }), d.notable, false, 30),
    ],
  };
}
