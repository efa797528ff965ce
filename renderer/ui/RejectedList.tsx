import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OutboxEntry } from '../db';
import { errorMessage } from '../i18n';
import { formatDateTime } from '../i18n/format';
import { useCurrent } from './hooks/use-current';

/**
 * Changes the server refused, each with the reason in Russian. The text of a refused reply or
 * comment stays here, selectable and copyable, until the clerk dismisses it.
 */
export function RejectedList({ entries, onOpenAppeal }: { entries: OutboxEntry[]; onOpenAppeal?: (appealId: string) => void }) {
  const { t } = useTranslation();
  const { client } = useCurrent();
  const [copied, setCopied] = useState<string | null>(null);

  if (entries.length === 0) return <p className="hint">{t('rejected.none')}</p>;

  const copy = async (entry: OutboxEntry, text: string) => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied(entry.id);
    } catch {
      // Clipboard refused (no permission): the text is selectable in the field below.
      setCopied(null);
    }
  };

  return (
    <ul className="rejected-list">
      {entries.map((entry) => {
        const text = typeof entry.args.body === 'string' ? entry.args.body : null;
        const what = t(`rejected.names.${entry.name}`, { status: t(`statuses.${String(entry.args.status)}`) });
        return (
          <li key={entry.id} className="rejected-item">
            <div className="rejected-title">{t('rejected.item', { what, time: formatDateTime(entry.createdAt) })}</div>
            <div>
              {t('rejected.reason')}: {errorMessage(entry.code)}
            </div>
            {text !== null && (
              <textarea className="rejected-text" readOnly value={text} rows={3} aria-label={t('rejected.textLabel')} />
            )}
            <div className="button-row">
              {text !== null && (
                <button type="button" onClick={() => void copy(entry, text)}>
                  {copied === entry.id ? t('rejected.copied') : t('rejected.copy')}
                </button>
              )}
              {onOpenAppeal && (
                <button type="button" onClick={() => onOpenAppeal(entry.appealId)}>
                  {t('rejected.openAppeal')}
                </button>
              )}
              <button type="button" onClick={() => entry.seq !== undefined && void client.dismiss(entry.seq)}>
                {t('rejected.dismiss')}
              </button>
            </div>
          </li>
        );
      })}
    </ul>
  );
}
