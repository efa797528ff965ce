import ExcelJS from 'exceljs';
import pdfmake from 'pdfmake';
import { describe, expect, it } from 'vitest';
import type { Appeal } from '../../shared/domain';
import { factsOf } from '../../shared/facts';
import { makeAppeal } from '../sync/testing/fake-server';
import { buildDigest, type Digest } from './digest';
import { digestDocument, PDF_FONT } from './pdf';
import { appealListWorkbook, digestWorkbook, excelDate, sheetName, workbookBytes } from './xlsx';

const NOW = new Date('2025-04-02T09:00:00.000Z');
const appeals: Appeal[] = [
  makeAppeal({ id: 'a1', receivedAt: '2025-03-03T07:00:00.000Z', category: 'social', text: 'Не назначают единое пособие', municipalityId: 'maykop', status: 'in_progress', dueAt: '2025-03-20T15:00:00.000Z', priority: 'urgent' }),
  makeAppeal({ id: 'a2', receivedAt: '2025-03-10T07:00:00.000Z', category: 'roads', text: 'Ямы на дороге', municipalityId: 'giaginsky', status: 'answered', firstRespondedAt: '2025-03-11T07:00:00.000Z', dueAt: '2025-03-17T15:00:00.000Z', citizenRating: { score: 5, solved: true } }),
  makeAppeal({ id: 'a3', receivedAt: '2025-03-12T07:00:00.000Z', category: 'social', text: 'Единое пособие пришло меньше', municipalityId: 'maykop', status: 'answered', firstRespondedAt: '2025-03-30T07:00:00.000Z', dueAt: '2025-03-25T15:00:00.000Z', citizenRating: { score: 2, solved: null } }),
  makeAppeal({ id: 'a4', receivedAt: '2025-02-12T07:00:00.000Z', category: 'roads', text: 'Ямы', municipalityId: 'maykop', status: 'closed', firstRespondedAt: '2025-02-13T07:00:00.000Z' }),
];
const names = { userName: (id: string | null) => (id ? 'Ирина Петрова' : 'не назначен'), municipalityName: (id: string) => ({ maykop: 'Майкоп', giaginsky: 'Гиагинский район' })[id] ?? id };

async function digest(): Promise<Digest> {
  return buildDigest({
    facts: appeals.map((a) => factsOf(a)),
    period: { from: '2025-03-01', to: '2025-03-31' },
    now: NOW,
    scope: 'Вся республика',
    ...names,
    loadAppeals: async (ids) => appeals.filter((a) => ids.includes(a.id)),
  });
}

describe('the HQ digest', () => {
  it('totals, spheres, municipalities, topics, the overdue list with clerks and the notable appeals', async () => {
    const d = await digest();
    expect(d.periodLabel).toBe('март 2025');
    expect(d.previousLabel).toBe('февраль 2025');
    expect(d.received).toMatchObject({ current: 3, previous: 1 });
    expect(d.bySphere.map((r) => [r.label, r.current, r.previous])).toEqual([
      ['Социальная защита', 2, 0],
      ['Дороги', 1, 1],
    ]);
    expect(d.byMunicipality.map((r) => [r.label, r.current])).toEqual([
      ['Майкоп', 2],
      ['Гиагинский район', 1],
    ]);
    expect(d.topics[0]).toMatchObject({ label: 'Единое пособие', current: 2, previous: 0 });
    expect(d.answeredOnTime).toMatchObject({ onTime: 1, due: 3 });
    expect(d.overdue.map((a) => [a.id, a.assignee, a.municipality])).toEqual([['a1', 'Ирина Петрова', 'Майкоп']]);
    expect(d.overdue[0]!.overdueText).toMatch(/^\d+ раб\. дн\. \d+ ч$/);
    expect(d.notable.map((a) => a.id)).toEqual(['a1']);
  });

  it('what citizens said of the answers: in all and by body, least content first', async () => {
    const { satisfaction: s } = await digest();
    expect(s).toMatchObject({ answered: 2, rated: 2, meanScore: 3.5, low: 1, solved: 1, notSolved: 0, confirmedShare: 0.5 });
    expect(s.byMunicipality.map((r) => [r.label, r.meanScore])).toEqual([
      ['Майкоп', 2],
      ['Гиагинский район', 5],
    ]);
  });
});

describe('spreadsheets', () => {
  it('the digest: three sheets, totals as SUM formulas with their results, percent and date formats', async () => {
    const bytes = await workbookBytes(digestWorkbook(await digest()));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes.buffer as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Сводка', 'Просроченные', 'Значимые']);
    const ws = wb.getWorksheet('Сводка')!;
    // The first «Итого» is the spheres': two spheres above it.
    let total = 0;
    for (let n = 1; n <= ws.rowCount && total === 0; n++) if (ws.getCell(`A${n}`).value === 'Итого') total = n;
    expect(ws.getCell(`B${total}`).value).toEqual({ formula: `SUM(B${total - 2}:B${total - 1})`, result: 3 });
    expect(ws.getCell(`D${total}`).value).toMatchObject({ formula: `B${total}-C${total}`, result: 2 });
    expect(ws.getCell(`E${total}`).numFmt).toBe('0%');
    expect(ws.getColumn(1).width).toBeGreaterThan(30);
    const overdue = wb.getWorksheet('Просроченные')!;
    expect(overdue.getCell('C3').value).toBe('Заур Хачемизов');
    expect(overdue.getCell('G3').value).toBe('Ирина Петрова');
    expect(overdue.getCell('B3').numFmt).toBe('dd.mm.yyyy hh:mm');
    // Moscow wall-clock time, as the HQ reads it: received 07:00 UTC is 10:00.
    expect((overdue.getCell('B3').value as Date).toISOString()).toBe('2025-03-03T10:00:00.000Z');
    // «Оценки жителей»: the share confirmed solved is a formula over the «Всего» row.
    let all = 0;
    for (let n = 1; n <= ws.rowCount && all === 0; n++) if (ws.getCell(`A${n}`).value === 'Всего') all = n;
    expect([2, 3, 4, 5, 6, 7].map((c) => ws.getRow(all).getCell(c).value)).toEqual([2, 2, 3.5, 1, 1, 0]);
    const shareRow = ws.rowCount;
    expect(ws.getCell(`A${shareRow}`).value).toBe('Доля подтверждённых жителем решений');
    expect(ws.getCell(`B${shareRow}`).value).toEqual({ formula: `IF(B${all}=0,"",F${all}/B${all})`, result: 0.5 });
  });

  it('any list of appeals, with a count formula at the bottom', async () => {
    const list = appeals.map((a) => ({ id: a.id, receivedAt: Date.parse(a.receivedAt), dueAt: Date.parse(a.dueAt), author: a.author.name, summary: a.text, category: a.category, municipality: a.municipalityId, assignee: 'x', status: a.status, overdueWorkingMs: 0, overdueText: '' }));
    const wb = appealListWorkbook('Ирина Петрова: просрочено', NOW.getTime(), list, { header: 'Просрочено на', value: () => '1 раб. дн. 0 ч' });
    const ws = wb.worksheets[0]!;
    expect(ws.name).toBe('Ирина Петрова  просрочено');
    expect(ws.getCell('C9').value).toEqual({ formula: 'COUNTA(C5:C8)', result: 4 });
    expect(ws.getCell('J5').value).toBe('1 раб. дн. 0 ч');
    expect(sheetName('a'.repeat(40))).toHaveLength(31);
    expect(excelDate(Date.parse('2025-01-01T21:30:00Z')).toISOString()).toBe('2025-01-02T00:30:00.000Z');
  });
});

describe('the PDF', () => {
  it('renders with the embedded Cyrillic font', async () => {
    const font = (file: string) => new URL(`../../node_modules/dejavu-fonts-ttf/ttf/${file}`, import.meta.url).pathname;
    pdfmake.addFonts({ [PDF_FONT]: { normal: font('DejaVuSans.ttf'), bold: font('DejaVuSans-Bold.ttf'), italics: font('DejaVuSans.ttf'), bolditalics: font('DejaVuSans-Bold.ttf') } });
    pdfmake.setUrlAccessPolicy(() => false);
    pdfmake.setLocalAccessPolicy?.((path) => path.includes('dejavu-fonts-ttf'));
    const doc = digestDocument(await digest());
    expect(JSON.stringify(doc.content)).toContain('Просроченные обращения и ответственные (1)');
    expect(JSON.stringify(doc.content)).toContain('Доля подтверждённых жителем решений: 50,0%');
    const bytes = Buffer.from(await pdfmake.createPdf(doc).getBuffer());
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(bytes.toString('latin1')).toMatch(/\/BaseFont \/[A-Z]{6}\+DejaVuSans-Bold/);
    expect(bytes.toString('latin1')).toMatch(/\/FontFile2/);
  });
});
