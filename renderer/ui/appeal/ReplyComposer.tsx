import { useCallback, useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { REPLY_MAX_LENGTH } from '../../../shared/domain';
import { getDb, loadDraft, saveDraft } from '../../db';
import { errorMessage } from '../../i18n';
import { isQuotaError } from '../../sync';
import { useCurrent } from '../hooks/use-current';

const DRAFT_DELAY_MS = 300;

/**
 * The reply being written. Every keystroke reaches the drafts table within 300 ms (and at once on
 * blur or when the page goes away), so a reload, a crash or a restart gives the text back.
 * Sending queues the reply and deletes the draft in the same transaction.
 */
export function ReplyComposer({ appealId }: { appealId: string }) {
  const { t } = useTranslation();
  const { client, user } = useCurrent();
  const id = useId();
  const [body, setBody] = useState('');
  const [loaded, setLoaded] = useState(false);
  const [message, setMessage] = useState('');
  const [error, setError] = useState('');
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const latest = useRef({ body: '', dirty: false });

  useEffect(() => {
    let cancelled = false;
    void loadDraft(getDb(), user.id, appealId).then((draft) => {
      if (cancelled) return;
      // Something typed before the draft arrived wins over the stored draft.
      if (draft && !latest.current.dirty) {
        latest.current.body = draft.body;
        setBody(draft.body);
      }
      setLoaded(true);
    });
    return () => {
      cancelled = true;
    };
  }, [appealId, user.id]);

  const flush = useCallback(async () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    if (!latest.current.dirty) return;
    latest.current.dirty = false;
    try {
      await saveDraft(getDb(), user.id, appealId, latest.current.body);
      setError('');
    } catch (e) {
      latest.current.dirty = true;
      setError(errorMessage(isQuotaError(e) ? 'storage_full' : 'unknown'));
    }
  }, [appealId, user.id]);

  useEffect(() => {
    const onHide = () => void flush();
    window.addEventListener('pagehide', onHide);
    window.addEventListener('beforeunload', onHide);
    return () => {
      window.removeEventListener('pagehide', onHide);
      window.removeEventListener('beforeunload', onHide);
      void flush();
    };
  }, [flush]);

  const change = (value: string) => {
    setBody(value);
    setMessage('');
    latest.current = { body: value, dirty: true };
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => void flush(), DRAFT_DELAY_MS);
  };

  const trimmed = body.trim();
  const tooLong = body.length > REPLY_MAX_LENGTH;
  const canSend = trimmed.length > 0 && !tooLong;

  const send = async () => {
    if (!canSend) return;
    // A pending draft save must not bring the text back after the send cleared it.
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    latest.current = { body: '', dirty: false };
    try {
      await client.submitReply(appealId, body);
      setBody('');
      setMessage(t('reply.sent'));
      setError('');
    } catch (e) {
      latest.current = { body, dirty: true };
      setError(errorMessage(isQuotaError(e) ? 'storage_full' : ((e as { code?: string }).code ?? 'unknown')));
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void send();
    }
  };

  return (
    <form
      className="composer"
      onSubmit={(e) => {
        e.preventDefault();
        void send();
      }}
    >
      <label htmlFor={id}>{t('reply.label')}</label>
      <textarea
        id={id}
        value={body}
        rows={6}
        aria-describedby={`${id}-counter ${id}-shortcut`}
        aria-invalid={tooLong || undefined}
        onChange={(e) => change(e.target.value)}
        onBlur={() => void flush()}
        onKeyDown={onKeyDown}
        data-draft-loaded={loaded}
      />
      <div className="composer-footer">
        <span id={`${id}-counter`} className={tooLong ? 'counter error-text' : 'counter'}>
          {tooLong ? t('reply.tooLong', { max: REPLY_MAX_LENGTH }) : t('reply.counter', { count: body.length, max: REPLY_MAX_LENGTH })}
        </span>
        <span id={`${id}-shortcut`} className="hint">
          {t('reply.shortcut')}
        </span>
        <button type="submit" className="primary" disabled={!canSend}>
          {t('reply.submit')}
        </button>
      </div>
      <div aria-live="polite" className="composer-message">
        {message}
      </div>
      {error && (
        <div role="alert" className="error-text">
          {error}
        </div>
      )}
    </form>
  );
}
