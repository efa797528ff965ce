import type { Appeal } from '../../shared/domain';
import type { AppealFacts } from '../../shared/facts';
import { periodSpan, type Period } from '../../shared/periods';
import { t } from '../i18n';
import type { DigestRow } from './digest';

/**
 * The digest's «Чат-бот» section: the questions the topic bots turned into appeals in the period
 * and the one before, grouped by the bot's topic (the path the citizen took through the menu, the
 * first line of the appeal the bot filed: «Тема: Выплаты → Выплата не пришла»), most first. The
 * operational HQ reads what people ask, not only how many. From the replica, so it is there
 * offline too.
 */
export async function digestChatbot(
  facts: readonly AppealFacts[],
  period: Period,
  previous: Period,
  loadAppeals: (ids: string[]) => Promise<Pick<Appeal, 'id' | 'text'>[]>,
): Promise<DigestRow[]> {
  const [cur, prev] = [periodSpan(period), periodSpan(previous)];
  const when = new Map<string, 'current' | 'previous'>();
  for (const f of facts) {
    if (f.source !== 'chatbot') continue;
    if (f.receivedAt >= cur.start && f.receivedAt < cur.end) when.set(f.id, 'current');
    else if (f.receivedAt >= prev.start && f.receivedAt < prev.end) when.set(f.id, 'previous');
  }
  const by = new Map<string, DigestRow>();
  for (const a of await loadAppeals([...when.keys()])) {
    const label = topicOf(a.text) ?? t('reports.chatbot.noTopic');
    const row = by.get(label) ?? { label, current: 0, previous: 0 };
    row[when.get(a.id)!]++;
    by.set(label, row);
  }
  return [...by.values()].sort((a, b) => b.current - a.current || b.previous - a.previous || a.label.localeCompare(b.label, 'ru'));
}

/** The topic the bot wrote on the appeal's first line, or null. */
export function topicOf(text: string): string | null {
  const first = text.split('\n', 1)[0] ?? '';
  return first.startsWith('Тема: ') ? first.slice('Тема: '.length).trim() || null : null;
}

/** The preview's line on «Отчёты». */
export function chatbotLine(rows: readonly DigestRow[]): string {
  const total = rows.reduce((s, r) => s + r.current, 0);
  const top = rows.filter((r) => r.current > 0).slice(0, 3).map((r) => `${r.label} (${r.current})`).join(', ');
  return t('reports.chatbot.line', { count: total, top: top || '—' });
}
