import { CATEGORIES, type Category } from '../../../shared/domain';
import { exchangeMessageSchema, type ExchangeImportResult, type ExchangeMessage, type ExchangePlatform, type ExchangeRowResult } from '../../../shared/channels/exchange';
import { PLATFORM_SOURCE } from '../../../shared/channels/platforms';
import { writeTx } from '../../changes';
import type { Db } from '../../db/types';
import { intakeAppeal } from '../../intake';
import { municipalityScope } from '../../scopes';
import { municipalityOfPlace } from '../route-place';

/** A connected ПОС or incident-system channel: its appeals go to its body unless their address says otherwise. */
export interface ExchangeChannel {
  id: string;
  platform: ExchangePlatform;
  bodyId: string;
}

/** The spheres' Russian names as platforms and clerks write them (the workstation's labels). */
const CATEGORY_NAMES: Record<string, Category> = {
  здравоохранение: 'health',
  образование: 'education',
  'социальная защита': 'social',
  жкх: 'housing',
  дороги: 'roads',
  благоустройство: 'landscaping',
  'свалки и мусор': 'dumps',
  транспорт: 'transport',
  другое: 'other',
};

export function categoryOf(value: string | undefined): Category | undefined {
  if (!value) return undefined;
  const v = value.trim().toLowerCase();
  return (CATEGORIES as readonly string[]).includes(v) ? (v as Category) : CATEGORY_NAMES[v];
}

const AUTHOR_FALLBACK: Record<ExchangePlatform, string> = { pos: 'Заявитель ПОС', incident: 'Заявитель (Инцидент Менеджмент)' };

async function acceptOne(db: Db, channel: ExchangeChannel, m: ExchangeMessage): Promise<{ appealId: string; duplicate: boolean }> {
  const text = m.link ? `${m.text}\n\nНа платформе: ${m.link}` : m.text;
  const category = categoryOf(m.category);
  const municipalityId = await municipalityOfPlace(db, m.settlement ?? m.address);
  const appeal = await intakeAppeal(
    db,
    {
      source: PLATFORM_SOURCE[channel.platform],
      externalRef: `${channel.platform}:${m.id}`,
      author: m.author ?? { name: AUTHOR_FALLBACK[channel.platform] },
      text: text.slice(0, 20000),
      ...(m.receivedAt ? { receivedAt: m.receivedAt } : {}),
      ...(m.settlement ? { settlement: m.settlement } : {}),
      ...(municipalityId ? { municipalityId } : {}),
      ...(m.address ? { address: m.address } : {}),
      ...(category ? { category } : {}),
    },
    // Routed by the message's place first; where it names none, the channel's body takes it.
    channel.bodyId,
  );
  // The appeal and its exchange row are two transactions; the platform re-sending the message
  // (same id, same appeal) writes the row and applies the deadline if a crash came between.
  await writeTx(db, async (q, changes) => {
    const inserted = await q.query(
      `INSERT INTO exchange_messages (appeal_id, channel_id, platform, platform_id) VALUES ($1, $2, $3, $4)
       ON CONFLICT DO NOTHING RETURNING appeal_id`,
      [appeal.id, channel.id, channel.platform, m.id],
    );
    if (inserted.rows.length === 0 || !m.deadline) return;
    // The platform's own deadline (ПОС sets it by law for each message) is the one that counts.
    await q.query('UPDATE appeals SET due_at = $2, updated_at = now() WHERE id = $1', [appeal.id, new Date(m.deadline).toISOString()]);
    changes.upsert('appeal', appeal.id, municipalityScope(appeal.municipalityId));
  });
  return { appealId: appeal.id, duplicate: appeal.duplicate };
}

/** Messages from a platform (an HTTP batch or the rows of a file), each taken once, with per-row results. */
export async function acceptMessages(db: Db, channel: ExchangeChannel, items: ReadonlyArray<{ row: number; value: unknown }>): Promise<ExchangeImportResult> {
  const rows: ExchangeRowResult[] = [];
  for (const item of items) {
    const parsed = exchangeMessageSchema.safeParse(item.value);
    const rawId = (item.value as { id?: unknown } | null)?.id;
    const id = typeof rawId === 'string' || typeof rawId === 'number' ? String(rawId) : null;
    if (!parsed.success) {
      const errors = parsed.error.issues.map((i) => ({ field: i.path.map(String).join('.') || '(row)', code: i.code, message: i.message }));
      rows.push({ row: item.row, id, outcome: 'rejected', appealId: null, errors });
      continue;
    }
    const done = await acceptOne(db, channel, parsed.data);
    rows.push({ row: item.row, id: parsed.data.id, outcome: done.duplicate ? 'duplicate' : 'created', appealId: done.appealId, errors: [] });
  }
  return {
    created: rows.filter((r) => r.outcome === 'created').length,
    duplicates: rows.filter((r) => r.outcome === 'duplicate').length,
    rejected: rows.filter((r) => r.outcome === 'rejected').length,
    rows,
  };
}
