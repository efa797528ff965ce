import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { updateOffer, type UpdateStatus } from '../../shared/updates';
import { getBridge } from '../bridge';

/** How often the page asks the main process; the check against the server runs there, every few hours. */
const POLL_MS = 60_000;

/** The updater's state as the bridge reports it, refreshed while the page is open. */
export function useUpdateStatus(): UpdateStatus | null {
  const [status, setStatus] = useState<UpdateStatus | null>(null);
  useEffect(() => {
    let alive = true;
    const read = () =>
      getBridge()
        .getUpdateStatus()
        .then((s) => alive && setStatus(s))
        .catch(() => undefined);
    void read();
    const timer = setInterval(read, POLL_MS);
    return () => {
      alive = false;
      clearInterval(timer);
    };
  }, []);
  return status;
}

/**
 * «Перезапустить и обновить», once an update has downloaded. With unsent changes the notice first
 * says how many there are and that they are kept: the replica and the outbox survive the update.
 */
export function UpdateNotice({ pending }: { pending: number }) {
  const { t } = useTranslation();
  const status = useUpdateStatus();
  const [failed, setFailed] = useState(false);
  const offer = status ? updateOffer(status, pending) : { kind: 'none' as const };
  if (offer.kind === 'none') return null;

  const install = async () => {
    const started = await getBridge()
      .installUpdate()
      .catch(() => false);
    setFailed(!started);
  };

  return (
    <section className="banner banner-info update-notice" aria-labelledby="update-notice-heading">
      <h2 id="update-notice-heading">{t('updates.ready', { version: offer.version })}</h2>
      {offer.kind === 'restart-keeping' && <p>{t('updates.keeping', { count: offer.pending })}</p>}
      <button type="button" className="primary" onClick={() => void install()}>
        {t('updates.restart')}
      </button>
      {failed && (
        <p role="alert" className="error-text">
          {t('updates.restartFailed')}
        </p>
      )}
    </section>
  );
}
