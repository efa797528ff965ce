import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isAllowedExternalUrl } from '../../../shared/links';
import { getBridge } from '../../bridge';

/**
 * A link to the citizen's post or profile. Opened only through the bridge (system browser in
 * Electron, a new tab in the browser) and only to allow-listed hosts; anything else is shown as
 * plain text, never as a clickable link.
 */
export function ExternalLink({ url, label }: { url: string | undefined; label: string }) {
  const { t } = useTranslation();
  const [refused, setRefused] = useState(false);
  if (!url) return null;
  if (!isAllowedExternalUrl(url)) return <span className="external-ref">{url}</span>;
  return (
    <span className="external">
      <button
        type="button"
        className="link-button"
        title={url}
        onClick={async () => setRefused(!(await getBridge().openExternal(url)))}
      >
        {label}
      </button>
      {refused && (
        <span role="alert" className="error-text">
          {t('appeal.linkRefused')}
        </span>
      )}
    </span>
  );
}
