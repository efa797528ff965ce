import ExcelJS from 'exceljs';
import { EXCHANGE_FORMAT } from '../../../shared/channels/exchange';

export type FileRow = { row: number; value: unknown };
export type ParsedFile = { ok: true; rows: FileRow[] } | { ok: false; message: string };

/**
 * The columns of an imported table, by the names a clerk may find in a platform's download or in
 * our template: our field names, or the Russian headers of the template.
 */
const COLUMNS: Record<string, string> = {
  id: 'id',
  номер: 'id',
  'номер на платформе': 'id',
  text: 'text',
  текст: 'text',
  'текст обращения': 'text',
  category: 'category',
  категория: 'category',
  сфера: 'category',
  address: 'address',
  адрес: 'address',
  settlement: 'settlement',
  'населённый пункт': 'settlement',
  'населенный пункт': 'settlement',
  deadline: 'deadline',
  срок: 'deadline',
  'срок ответа': 'deadline',
  receivedat: 'receivedAt',
  дата: 'receivedAt',
  'дата поступления': 'receivedAt',
  authorname: 'authorName',
  заявитель: 'authorName',
  authorcontact: 'authorContact',
  контакт: 'authorContact',
  link: 'link',
  ссылка: 'link',
};

/** «10.12.2026» or «10.12.2026 18:00», Moscow time, as clerks and Russian platforms write dates. */
function isoFromRussian(value: string): string {
  const m = /^(\d{1,2})\.(\d{1,2})\.(\d{4})(?:[ T](\d{1,2}):(\d{2}))?$/.exec(value.trim());
  if (!m) return value;
  const [, d, mo, y, h, mi] = m;
  const pad = (s: string | undefined, dflt: string) => (s ?? dflt).padStart(2, '0');
  return `${y}-${pad(mo, '01')}-${pad(d, '01')}T${pad(h, '23')}:${pad(mi, h ? '00' : '59')}:00+03:00`;
}

function cellValue(cell: ExcelJS.Cell): string | undefined {
  const v = cell.value;
  if (v === null || v === undefined) return undefined;
  if (v instanceof Date) return v.toISOString();
  const text = cell.text.trim();
  return text === '' ? undefined : text;
}

/** A table row → the exchange message's shape (validated by the caller). */
function messageFromRecord(rec: Record<string, string | undefined>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of ['id', 'text', 'category', 'address', 'settlement', 'link'] as const) if (rec[key] !== undefined) out[key] = rec[key];
  for (const key of ['deadline', 'receivedAt'] as const) if (rec[key] !== undefined) out[key] = isoFromRussian(rec[key]!);
  if (rec.authorName) out.author = { name: rec.authorName, ...(rec.authorContact ? { contact: rec.authorContact } : {}) };
  return out;
}

async function parseXlsx(bytes: Uint8Array): Promise<ParsedFile> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  } catch {
    return { ok: false, message: 'The file is not a readable XLSX workbook' };
  }
  const ws = wb.worksheets[0];
  if (!ws) return { ok: false, message: 'The workbook has no sheets' };
  const header = new Map<number, string>();
  ws.getRow(1).eachCell((cell, col) => {
    const field = COLUMNS[cell.text.trim().toLowerCase()];
    if (field) header.set(col, field);
  });
  if (![...header.values()].includes('id') || ![...header.values()].includes('text')) {
    return { ok: false, message: 'The first row must name the columns; «Номер» (id) and «Текст» (text) are required' };
  }
  const rows: FileRow[] = [];
  ws.eachRow((row, number) => {
    if (number === 1) return;
    const rec: Record<string, string | undefined> = {};
    for (const [col, field] of header) rec[field] = cellValue(row.getCell(col));
    if (Object.values(rec).every((v) => v === undefined)) return;
    rows.push({ row: number, value: messageFromRecord(rec) });
  });
  return { ok: true, rows };
}

function parseJson(bytes: Uint8Array): ParsedFile {
  let data: unknown;
  try {
    data = JSON.parse(Buffer.from(bytes).toString('utf8'));
  } catch {
    return { ok: false, message: 'The file is not valid JSON' };
  }
  const messages = Array.isArray(data) ? data : (data as { format?: unknown; messages?: unknown } | null)?.messages;
  if (!Array.isArray(messages)) return { ok: false, message: `Expected {"format": "${EXCHANGE_FORMAT}", "messages": [...]} or an array of messages` };
  return { ok: true, rows: messages.map((value, i) => ({ row: i + 1, value })) };
}

export const IMPORT_MAX_ROWS = 5000;

/** A downloaded file: XLSX (a zip, starting «PK») or JSON, told apart by content, not by name. */
export async function parseExchangeFile(bytes: Uint8Array): Promise<ParsedFile> {
  const parsed = bytes[0] === 0x50 && bytes[1] === 0x4b ? await parseXlsx(bytes) : parseJson(bytes);
  if (parsed.ok && parsed.rows.length === 0) return { ok: false, message: 'The file has no messages' };
  if (parsed.ok && parsed.rows.length > IMPORT_MAX_ROWS) return { ok: false, message: `At most ${IMPORT_MAX_ROWS} messages per file` };
  return parsed;
}

export interface AnswerRow {
  id: string;
  appealId: string;
  status: string;
  answer: string;
  publishedAt: string;
}

/** The answers file a clerk uploads to the platform's cabinet. */
export async function answersXlsx(rows: AnswerRow[]): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Ответы');
  ws.columns = [
    { header: 'Номер на платформе', key: 'id', width: 22 },
    { header: 'Обращение в Отклике', key: 'appealId', width: 38 },
    { header: 'Статус', key: 'status', width: 14 },
    { header: 'Ответ', key: 'answer', width: 80 },
    { header: 'Опубликован', key: 'publishedAt', width: 26 },
  ];
  for (const r of rows) ws.addRow(r);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}
