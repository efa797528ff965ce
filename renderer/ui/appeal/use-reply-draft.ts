import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { DraftEditor, getDb } from '../../db';
import { errorMessage } from '../../i18n';
import { isQuotaError } from '../../sync';

const DRAFT_DELAY_MS = 300;

/**
 * The reply being written, kept as a draft: every keystroke reaches IndexedDB within 300 ms (and at
 * once on blur, on leaving the appeal or when the page goes away), so a reload, a crash or a
 * restart gives the text back; another window's newer typing shows here (DraftEditor).
 */
export function useReplyDraft(appealId: string, userId: string) {
  const [body, setBody] = useState('');
  const [loaded, setLoaded] = useState(false);
  const [error, setError] = useState('');
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const editor = useMemo(() => new DraftEditor(getDb(), userId, appealId, (text) => setBody(text)), [appealId, userId]);

  const flush = useCallback(async () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    try {
      await editor.flush();
      setError('');
    } catch (e) {
      setError(errorMessage(isQuotaError(e) ? 'storage_full' : 'unknown'));
    }
  }, [editor]);

  useEffect(() => {
    let cancelled = false;
    // One read: the editor's own first look at the stored draft says it is loaded.
    editor.start(() => !cancelled && setLoaded(true));
    const onHide = () => void flush();
    window.addEventListener('pagehide', onHide);
    window.addEventListener('beforeunload', onHide);
    return () => {
      cancelled = true;
      window.removeEventListener('pagehide', onHide);
      window.removeEventListener('beforeunload', onHide);
      void flush().finally(() => editor.stop());
    };
  }, [editor, flush, appealId, userId]);

  const change = useCallback(
    (value: string) => {
      setBody(value);
      editor.type(value);
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(() => void flush(), DRAFT_DELAY_MS);
    },
    [editor, flush],
  );

  /** The reply left with its outbox entry (which deleted the draft): nothing is pending here. */
  const sent = useCallback(() => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    editor.sent();
    setBody('');
  }, [editor]);

  /** Holds the pending save while the reply is being queued (a late save must not bring it back). */
  const pause = useCallback(() => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
  }, []);

  return { body, loaded, error, setError, change, flush, sent, pause };
}
