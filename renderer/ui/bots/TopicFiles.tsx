import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ATTACHMENT_TYPES, checkAttachment } from '../../../shared/attachments';
import { TOPIC_FILES_MAX, type BotFile } from '../../../shared/chatbot/model';
import { errorMessage } from '../../i18n';
import { BotsApiError } from './bots-api';

const kb = (size: number) => Math.max(1, Math.round(size / 1024));

/**
 * The files a topic's ready answer sends (a PDF memo, a photo of a notice): each is uploaded as
 * soon as it is chosen, so the draft holds only what the server has; a refused one is named in
 * Russian and the draft keeps everything else.
 */
export function TopicFiles({
  topicId,
  files,
  onChange,
  upload,
  download,
}: {
  /** The form is reused from topic to topic: a refusal about one topic's file is not shown on the next. */
  topicId: string;
  files: readonly BotFile[];
  onChange: (files: BotFile[]) => void;
  upload: (file: File) => Promise<BotFile>;
  download: (file: BotFile) => void;
}) {
  const { t } = useTranslation();
  const ids = { input: useId(), error: useId() };
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  useEffect(() => setError(''), [topicId]);

  const choose = async (chosen: File | undefined) => {
    if (!chosen) return;
    setError('');
    const check = checkAttachment({ mime: chosen.type, size: chosen.size, name: chosen.name });
    if (!check.ok) {
      setError(`«${chosen.name}»: ${errorMessage(check.code)}`);
      return;
    }
    setBusy(true);
    try {
      const stored = await upload(chosen);
      onChange([...files, stored]);
    } catch (err) {
      setError(`«${chosen.name}»: ${err instanceof BotsApiError ? errorMessage(err.code) : t('bots.uploadFailed')}`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <fieldset>
      <legend>{t('bots.files')}</legend>
      {files.length > 0 && (
        <ul className="bot-files">
          {files.map((f, i) => (
            <li key={f.id}>
              <button type="button" className="link-button" onClick={() => download(f)}>
                {f.name}
              </button>{' '}
              <span className="hint">{t('bots.fileSize', { kb: kb(f.size) })}</span>{' '}
              <button type="button" className="link-button" onClick={() => onChange(files.filter((x) => x.id !== f.id))}>
                {t('bots.removeFile')} {i + 1}
              </button>
            </li>
          ))}
        </ul>
      )}
      {files.length < TOPIC_FILES_MAX && (
        <>
          <label htmlFor={ids.input}>{t('bots.addFile')}</label>
          <input
            id={ids.input}
            type="file"
            accept={ATTACHMENT_TYPES.join(',')}
            disabled={busy}
            aria-describedby={error ? ids.error : undefined}
            onChange={(e) => {
              const input = e.currentTarget;
              void choose(input.files?.[0]).finally(() => (input.value = ''));
            }}
          />
        </>
      )}
      {busy && <p className="hint" aria-live="polite">{t('bots.uploading')}</p>}
      {error && (
        <p id={ids.error} role="alert" className="error-text">
          {error}
        </p>
      )}
    </fieldset>
  );
}
