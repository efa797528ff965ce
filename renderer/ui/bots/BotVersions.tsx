import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BotVersion } from '../../../shared/chatbot/admin';
import type { BotTree } from '../../../shared/chatbot/model';
import { formatDateTime } from '../../i18n/format';
import { useCurrent } from '../hooks/use-current';
import { listBotVersions } from './bots-api';

/**
 * The versions of the tree that were published, newest first: each is kept, and one opened in the
 * editor is published again as a new version (a way back from a wrong publish), never edited.
 */
export function BotVersions({ botId, current, onOpen }: { botId: string; current: number; onOpen: (tree: BotTree, version: number) => void }) {
  const { t } = useTranslation();
  const { client } = useCurrent();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [versions, setVersions] = useState<BotVersion[] | null | 'failed'>(null);
  useEffect(() => {
    if (!open) return;
    let live = true;
    void listBotVersions(client, botId).then(
      (v) => live && setVersions(v),
      () => live && setVersions('failed'),
    );
    return () => {
      live = false;
    };
  }, [open, client, botId, current]);
  if (current === 0) return null;
  return (
    <details onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary id={id}>{t('bots.versions')}</summary>
      {versions === null ? (
        <p aria-busy="true">{t('supervisor.reading')}</p>
      ) : versions === 'failed' ? (
        <p role="alert" className="error-text">
          {t('bots.loadFailed')}
        </p>
      ) : (
        <ul aria-labelledby={id} className="bot-versions">
          {versions.map((v) => (
            <li key={v.version}>
              {t('bots.versionLine', { version: v.version, at: formatDateTime(v.publishedAt), by: v.publishedBy ?? t('history.system') })}
              {v.version === current ? (
                <span className="hint"> {t('bots.versionCurrent')}</span>
              ) : (
                <>
                  {' '}
                  <button type="button" className="link-button" onClick={() => onOpen(v.tree, v.version)}>
                    {t('bots.openVersion', { version: v.version })}
                  </button>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
    </details>
  );
}
