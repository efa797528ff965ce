import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { canMarkDeliveryManual, canRetryDelivery, type Delivery } from '../../../shared/channels/delivery';
import { deliveryManualMutation, deliveryRetryMutation } from '../../clerk/actions';
import { errorMessage } from '../../i18n';
import { formatTime } from '../../i18n/format';
import { useCurrent } from '../hooks/use-current';
import { ExternalLink } from './ExternalLink';

/**
 * Where one outgoing message is on its way to the citizen: «в очереди» (with the next attempt and
 * why the last one failed), «доставлено» (with the answer on the platform), «не доставлено: причина»
 * with «Повторить» and «Отметить как отправленный вручную» — outbox mutations, so they work offline.
 */
export function DeliveryStatus({ delivery }: { delivery: Delivery }) {
  const { t } = useTranslation();
  const { client } = useCurrent();
  const [error, setError] = useState('');
  const d = delivery;
  const reason = d.lastError ? t(`delivery.reasons.${d.lastError.code}`) : '';

  const run = async (mutation: ReturnType<typeof deliveryRetryMutation>) => {
    try {
      await client.enqueue(mutation);
      setError('');
    } catch (e) {
      setError(errorMessage((e as { code?: string }).code ?? 'unknown'));
    }
  };

  let text: string;
  if (d.state === 'queued' || d.state === 'sending') {
    text = t(d.state === 'sending' ? 'delivery.sending' : 'delivery.queued');
    // Waiting after a transient failure: why, and when it is tried again.
    if (d.lastError) text += `: ${reason}`;
    if (d.state === 'queued' && d.attempts > 0 && d.nextAttemptAt) text += `, ${t('delivery.nextAttempt', { time: formatTime(d.nextAttemptAt) })}`;
  } else if (d.state === 'failed') {
    text = t('delivery.failed', { reason });
  } else {
    text = t(`delivery.${d.state}`);
  }

  return (
    <div className={`delivery delivery-${d.state}`} data-delivery-id={d.id} data-state={d.state}>
      <span className={`badge delivery-state delivery-state-${d.state}`} role="status">
        {text}
      </span>
      {d.state === 'delivered' && d.externalUrl && <ExternalLink url={d.externalUrl} label={t('delivery.open')} />}
      {canRetryDelivery(d.state) && (
        <span className="button-row delivery-actions">
          <button type="button" onClick={() => void run(deliveryRetryMutation(d.id))}>
            {t('delivery.retry')}
          </button>
          {canMarkDeliveryManual(d.state) && (
            <button type="button" onClick={() => void run(deliveryManualMutation(d.id))}>
              {t('delivery.markManual')}
            </button>
          )}
        </span>
      )}
      {error && (
        <span role="alert" className="error-text">
          {error}
        </span>
      )}
    </div>
  );
}
