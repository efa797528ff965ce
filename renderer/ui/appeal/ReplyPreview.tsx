import { useTranslation } from 'react-i18next';
import type { Appeal } from '../../../shared/domain';

/**
 * What the citizen will see: the reply as plain text under the name of the municipality, in the
 * channel it goes back through, with the files it carries. Rendered as text, like everything
 * typed here, never as HTML.
 */
export function ReplyPreview({ body, appeal, municipality, files }: { body: string; appeal: Appeal; municipality: string; files: string[] }) {
  const { t } = useTranslation();
  return (
    <details className="reply-preview" open>
      <summary>{t('composer.preview')}</summary>
      <div className={`preview-card preview-${appeal.source}`}>
        <div className="preview-from">
          <span className="preview-sender">{municipality || t('app.title')}</span> · <span className="hint">{t(`sources.${appeal.source}`)}</span>
        </div>
        <div className="preview-to hint">→ {appeal.author.name}</div>
        {body.trim() ? <p className="plain-text">{body.trim()}</p> : <p className="hint">{t('composer.previewEmpty')}</p>}
        {files.length > 0 && (
          <ul className="preview-files">
            {files.map((name) => (
              <li key={name}>📎 {name}</li>
            ))}
          </ul>
        )}
      </div>
    </details>
  );
}
