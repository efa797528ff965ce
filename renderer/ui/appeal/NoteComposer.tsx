import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { NOTE_MAX_LENGTH } from '../../../shared/domain';
import { errorMessage } from '../../i18n';
import { useCurrent } from '../hooks/use-current';

/** An internal comment for colleagues; never shown to the citizen. */
export function NoteComposer({ appealId }: { appealId: string }) {
  const { t } = useTranslation();
  const { client } = useCurrent();
  const id = useId();
  const [body, setBody] = useState('');
  const [message, setMessage] = useState('');
  const canSend = body.trim().length > 0 && body.length <= NOTE_MAX_LENGTH;

  const submit = async () => {
    if (!canSend) return;
    try {
      await client.addNote(appealId, body);
      setBody('');
      setMessage(t('note.added'));
    } catch (error) {
      setMessage(errorMessage((error as { code?: string }).code ?? 'unknown'));
    }
  };

  return (
    <form
      className="composer note-composer"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <label htmlFor={id}>{t('note.label')}</label>
      <textarea id={id} data-shortcut="note" aria-keyshortcuts="n" spellCheck lang="ru" value={body} rows={2} maxLength={NOTE_MAX_LENGTH} onChange={(e) => (setBody(e.target.value), setMessage(''))} />
      <div className="composer-footer">
        <button type="submit" disabled={!canSend}>
          {t('note.submit')}
        </button>
      </div>
      <div aria-live="polite" className="composer-message">
        {message}
      </div>
    </form>
  );
}
