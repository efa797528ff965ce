import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ATTACHMENT_TYPES, ATTACHMENTS_PER_REPLY } from '../../../shared/attachments';
import { addDraftAttachment } from '../../clerk/uploads';
import { getDb, type LocalAttachment } from '../../db';
import { errorMessage } from '../../i18n';
import { isQuotaError } from '../../sync';
import { useCurrent } from '../hooks/use-current';

/** Files for the reply: checked for type and size at once, kept in IndexedDB until the server has them. */
export function ComposerAttachments({ appealId, files }: { appealId: string; files: LocalAttachment[] }) {
  const { t } = useTranslation();
  const { user } = useCurrent();
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [errors, setErrors] = useState<string[]>([]);

  const add = async (list: FileList | null) => {
    const problems: string[] = [];
    for (const file of Array.from(list ?? [])) {
      try {
        const result = await addDraftAttachment(getDb(), user.id, appealId, file);
        if (!result.ok) {
          problems.push(
            result.reason === 'tooMany' ? t('attachments.tooMany', { max: ATTACHMENTS_PER_REPLY }) : t(`attachments.${result.reason}`, { name: result.name }),
          );
        }
      } catch (e) {
        problems.push(errorMessage(isQuotaError(e) ? 'storage_full' : 'unknown'));
      }
    }
    setErrors(problems);
    if (input.current) input.current.value = '';
  };

  return (
    <div className="composer-attachments">
      <label htmlFor={id} className="file-label">
        {t('attachments.add')}
      </label>
      <input id={id} ref={input} type="file" multiple accept={ATTACHMENT_TYPES.join(',')} aria-describedby={`${id}-hint`} onChange={(e) => void add(e.target.files)} />
      <span id={`${id}-hint`} className="hint">
        {t('attachments.hint')}
      </span>
      {files.length > 0 && (
        <ul className="attachment-list">
          {files.map((f) => (
            <li key={f.id} className="attachment-chip">
              📎 {f.name} <span className="hint">{t('attachments.size', { size: Math.max(1, Math.round(f.size / 1024)) })}</span>{' '}
              <button type="button" className="link-button" aria-label={t('attachments.remove', { name: f.name })} onClick={() => void getDb().attachments.delete(f.id)}>
                ✕
              </button>
            </li>
          ))}
        </ul>
      )}
      {errors.length > 0 && (
        <div role="alert" className="error-text">
          {errors.map((e) => (
            <p key={e}>{e}</p>
          ))}
        </div>
      )}
    </div>
  );
}
