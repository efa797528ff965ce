import { useTranslation } from 'react-i18next';
import type { DownloadProgress as Progress } from '../sync';

const number = new Intl.NumberFormat('ru-RU');

/**
 * How much of the first download has arrived (sync/snapshot.ts): the scope's appeals while their
 * rows come, then the closed appeals' histories, which come in the background while the person
 * works. Counts, not a spinner: a supervisor of a region sees it will take a minute, not forever.
 */
export function DownloadProgress({ progress }: { progress: Progress }) {
  const { t } = useTranslation();
  const key = progress.stage === 'rows' ? 'download.rows' : 'download.threads';
  const label = t(key, { count: progress.total, done: number.format(progress.done), total: number.format(progress.total) });
  const percent = progress.total > 0 ? Math.round((progress.done / progress.total) * 100) : 0;
  return (
    <div className="download-progress banner banner-info">
      <span id="download-progress-label">{label}</span>
      <div
        className="download-progress-bar"
        role="progressbar"
        aria-labelledby="download-progress-label"
        aria-valuemin={0}
        aria-valuemax={progress.total}
        aria-valuenow={progress.done}
        aria-valuetext={label}
      >
        <div className="download-progress-fill" style={{ width: `${percent}%` }} />
      </div>
    </div>
  );
}
