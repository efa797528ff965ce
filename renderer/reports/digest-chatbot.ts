import type { AppealFacts } from '../../shared/facts';
import { periodSpan, type Period } from '../../shared/periods';
import { t } from '../i18n';
import type { DigestRow } from './digest';

/**
 * The digest's «Чат-бот» section: the appeals the topic bots filed in the period and the one
 * before, by sphere (what citizens bring through the bot's menu rather than by writing), most
 * first. Computed from the replica like the rest of the digest, so it is there offline too.
 */
export function digestChatbot(facts: readonly AppealFacts[], period: Period, previous: Period): DigestRow[] {
  const [cur, prev] = [periodSpan(period), periodSpan(previous)];
  const by = new Map<string, DigestRow>();
  for (const f of facts) {
    if (f.source !== 'chatbot') continue;
    const inCur = f.receivedAt >= cur.start && f.receivedAt < cur.end;
    const inPrev = f.receivedAt >= prev.start && f.receivedAt < prev.end;
    if (!inCur && !inPrev) continue;
    const row = by.get(f.category) ?? { label: t(`categories.${f.category}`), current: 0, previous: 0 };
    if (inCur) row.current++;
    else row.previous++;
    by.set(f.category, row);
  }
  return [...by.values()].sort((a, b) => b.current - a.current || b.previous - a.previous || a.label.localeCompare(b.label, 'ru'));
}

/** The preview's line on «Отчёты». */
export function chatbotLine(rows: readonly DigestRow[]): string {
  const total = rows.reduce((s, r) => s + r.current, 0);
  const top = rows.filter((r) => r.current > 0).slice(0, 3).map((r) => `${r.label} (${r.current})`).join(', ');
  return t('reports.chatbot.line', { count: total, top: top || '—' });
}
