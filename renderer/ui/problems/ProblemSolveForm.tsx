import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { checkAttachment } from '../../../shared/attachments';
import { EVIDENCE_COMMENT_MAX_LENGTH, EVIDENCE_PHOTOS_MAX, type EvidencePhase, type ProblemEvidence } from '../../../shared/problems';
import type { LocalAttachment } from '../../db/schema';
import { errorMessage } from '../../i18n';
import { toReplyAttachment } from '../../clerk/uploads';
import { stateMutation } from '../../problems/actions';
import type { ProblemView } from '../../problems/problem-view';
import { useCurrent } from '../hooks/use-current';

interface Chosen {
  phase: EvidencePhase;
  file: File;
}

/**
 * «Решена» with its proof: what was done and photos before and after. The photos are kept in the
 * replica and uploaded with the appeal's files when the network allows; the problem is marked at
 * once, offline too. Nothing typed or chosen is lost on a refusal.
 */
export function ProblemSolveForm({ problem, appealId, onDone }: { problem: ProblemView; appealId: string; onDone: (message: string) => void }) {
  const { t } = useTranslation();
  const { client, user } = useCurrent();
  const [comment, setComment] = useState('');
  const [chosen, setChosen] = useState<Chosen[]>([]);
  const [error, setError] = useState('');
  const ids = { comment: useId(), after: useId(), before: useId(), error: useId() };

  const add = (phase: EvidencePhase, files: FileList | null) => {
    const next = [...chosen];
    for (const file of files ? [...files] : []) {
      const check = checkAttachment({ mime: file.type, size: file.size, name: file.name || 'photo' });
      if (!check.ok || !file.type.startsWith('image/')) {
        setError(t(check.ok || check.code !== 'payload_too_large' ? 'attachments.badType' : 'attachments.tooLarge', { name: file.name }));
        continue;
      }
      if (next.length < EVIDENCE_PHOTOS_MAX) next.push({ phase, file });
    }
    setChosen(next);
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!comment.trim()) return setError(t('problems.solveNeedsComment'));
    if (!chosen.some((c) => c.phase === 'after')) return setError(t('problems.solveNeedsAfter'));
    setError('');
    const now = new Date().toISOString();
    const files: LocalAttachment[] = chosen.map((c) => ({
      id: crypto.randomUUID(),
      appealId,
      userId: user.id,
      name: c.file.name || 'photo.jpg',
      mime: c.file.type,
      size: c.file.size,
      blob: c.file,
      // Queued at once: the uploader sends them with the appeal's other files.
      state: 'queued',
      createdAt: now,
    }));
    const evidence: ProblemEvidence = { comment: comment.trim(), photos: files.map((f, i) => ({ phase: chosen[i]!.phase, attachment: toReplyAttachment(f) })) };
    try {
      await client.db.attachments.bulkPut(files);
      await client.enqueue(stateMutation(problem, 'solved', evidence));
      onDone(t('problems.solved'));
    } catch (err) {
      setError(errorMessage((err as { code?: string }).code ?? 'unknown'));
    }
  };

  return (
    <form className="composer" onSubmit={(e) => void submit(e)} noValidate>
      <label htmlFor={ids.comment}>{t('problems.solveComment')}</label>
      <textarea id={ids.comment} rows={3} value={comment} maxLength={EVIDENCE_COMMENT_MAX_LENGTH} spellCheck lang="ru" aria-describedby={ids.error} onChange={(e) => setComment(e.target.value)} />
      <label htmlFor={ids.after}>{t('problems.solvePhotosAfter')}</label>
      <input id={ids.after} type="file" accept="image/*" multiple onChange={(e) => add('after', e.target.files)} />
      <label htmlFor={ids.before}>{t('problems.solvePhotosBefore')}</label>
      <input id={ids.before} type="file" accept="image/*" multiple onChange={(e) => add('before', e.target.files)} />
      {chosen.length > 0 && (
        <ul className="attachment-drafts">
          {chosen.map((c, i) => (
            <li key={`${c.file.name}-${i}`}>
              {t(`problems.photoPhase.${c.phase}`)}: {c.file.name}{' '}
              <button type="button" className="link-button" onClick={() => setChosen(chosen.filter((_, j) => j !== i))}>
                {t('attachments.remove', { name: c.file.name })}
              </button>
            </li>
          ))}
        </ul>
      )}
      <p id={ids.error} className="error-text" role="alert">
        {error}
      </p>
      <div className="composer-footer">
        <button type="submit" className="primary">
          {t('problems.solveSubmit')}
        </button>
      </div>
    </form>
  );
}
