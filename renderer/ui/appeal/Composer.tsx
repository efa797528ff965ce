import { useId, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { requiresApproval, type ApprovalPolicy } from '../../../shared/approval';
import { replyLengthLimit } from '../../../shared/channels/limits';
import { replyParts } from '../../../shared/channels/split';
import type { Appeal, Municipality, Template } from '../../../shared/domain';
import type { Mutation } from '../../../shared/protocol';
import { fillTemplate, unfilledVariables } from '../../../shared/templates';
import { templateValues } from '../../clerk/template-values';
import { toReplyAttachment } from '../../clerk/uploads';
import { getDb, type LocalAttachment } from '../../db';
import { errorMessage } from '../../i18n';
import { isQuotaError } from '../../sync';
import { useCurrent } from '../hooks/use-current';
import { ComposerAttachments } from './ComposerAttachments';
import { ReplyPreview } from './ReplyPreview';
import { TemplatePicker } from './TemplatePicker';
import { TemplateManager } from './TemplateManager';
import { useReplyDraft } from './use-reply-draft';

interface Props {
  appeal: Appeal;
  /** Read with the appeal (see load-appeal), like the files, so the preview is whole from the first render. */
  municipality: Municipality | undefined;
  files: LocalAttachment[];
  templates: Template[] | undefined;
  policy: ApprovalPolicy;
}

/**
 * The reply to the citizen: templates found by typing, the channel's length limit as the clerk
 * types, a preview of what the citizen will see, Russian spell-checking, files kept offline, and
 * «На согласование» instead of «Отправить ответ» where the region's rule asks for approval.
 */
export function Composer({ appeal, municipality, files, templates, policy }: Props) {
  const { t } = useTranslation();
  const { client, user } = useCurrent();
  const id = useId();
  const textarea = useRef<HTMLTextAreaElement>(null);
  const draft = useReplyDraft(appeal.id, user.id);
  const [message, setMessage] = useState('');

  const body = draft.body;
  const limit = replyLengthLimit(appeal.source);
  const channel = t(`sources.${appeal.source}`);
  const tooLong = body.length > limit;
  const unfilled = unfilledVariables(body);
  const approval = requiresApproval(policy, appeal.municipalityId, appeal.source);
  const canSend = body.trim().length > 0 && !tooLong && unfilled.length === 0;
  // Too long for one message where the channel is a dialog or thread: offered as numbered parts.
  const parts = tooLong && unfilled.length === 0 ? replyParts(appeal.source, body) : null;

  const values = templateValues(appeal, municipality, user);

  const insertTemplate = (tpl: Template) => {
    const text = fillTemplate(tpl.body, values);
    const el = textarea.current;
    const at = el && body !== '' ? el.selectionStart : body.length;
    const end = el && body !== '' ? el.selectionEnd : body.length;
    const next = body.slice(0, at) + text + body.slice(end);
    draft.change(next);
    setMessage(t('composer.templateInserted', { title: tpl.title }));
    // Back to the text, just after what was inserted: the clerk goes on typing.
    requestAnimationFrame(() => {
      textarea.current?.focus();
      textarea.current?.setSelectionRange(at + text.length, at + text.length);
    });
  };

  /**
   * Each part is a reply of its own, queued in order: the thread shows each with its own delivery
   * state, so a part that fails is seen (and retried) on its own. The files go with the first.
   */
  const send = async (texts: string[] | null = canSend ? [body.trim()] : null) => {
    if (!texts || texts.length === 0) return;
    draft.pause();
    const attachments = files.map(toReplyAttachment);
    const mutations: Mutation[] = texts.map((text, i) => ({
      id: crypto.randomUUID(),
      name: 'reply.submit',
      args: { replyId: crypto.randomUUID(), appealId: appeal.id, body: text, ...(i === 0 && attachments.length ? { attachments } : {}) },
    }));
    const fileIds = files.map((f) => f.id);
    let queued = 0;
    try {
      // The files are queued for upload first: a crash in between uploads files of an unsent reply, never the reverse.
      if (fileIds.length) await getDb().attachments.where('id').anyOf(fileIds).modify({ state: 'queued' });
      for (const [i, mutation] of mutations.entries()) {
        await client.enqueue(mutation, { clearDraft: i === mutations.length - 1 });
        queued++;
      }
      draft.sent();
      setMessage(texts.length > 1 ? t('composer.sentParts', { count: texts.length }) : approval ? t('composer.sentApproval') : t('reply.sent'));
      draft.setError('');
    } catch (e) {
      if (fileIds.length && queued === 0) await getDb().attachments.where('id').anyOf(fileIds).modify({ state: 'draft' }).catch(() => undefined);
      // What is not yet queued stays in the composer; queued parts are in the thread already.
      draft.change(queued === 0 ? body : texts.slice(queued).join('\n\n'));
      draft.setError(errorMessage(isQuotaError(e) ? 'storage_full' : ((e as { code?: string }).code ?? 'unknown')));
    }
    textarea.current?.focus();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void send();
    }
  };

  const counter = tooLong
    ? t('composer.overLimit', { count: body.length, max: limit, channel })
    : t('composer.limit', { count: body.length, max: limit, channel });

  return (
    <section className="composer reply-composer">
      <div className="composer-tools">
        <TemplatePicker templates={templates} onPick={insertTemplate} />
        <TemplateManager templates={templates} currentBody={body} />
      </div>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void send();
        }}
      >
        <label htmlFor={id}>{t('reply.label')}</label>
        <textarea
          id={id}
          ref={textarea}
          value={body}
          rows={7}
          spellCheck
          lang="ru"
          data-shortcut="reply"
          aria-keyshortcuts="r"
          aria-describedby={`${id}-counter ${id}-shortcut${approval ? ` ${id}-approval` : ''}`}
          aria-invalid={tooLong || unfilled.length > 0 || undefined}
          onChange={(e) => {
            draft.change(e.target.value);
            setMessage('');
          }}
          onBlur={() => void draft.flush()}
          onKeyDown={onKeyDown}
          data-draft-loaded={draft.loaded}
        />
        <div className="composer-footer">
          <span id={`${id}-counter`} className={tooLong ? 'counter error-text' : 'counter'} aria-live="polite">
            {counter}
          </span>
          <span id={`${id}-shortcut`} className="hint">
            {t('reply.shortcut')}
          </span>
          <button type="submit" className="primary" disabled={!canSend} data-state={approval ? 'approval' : 'send'}>
            {approval ? t('composer.submitApproval') : t('reply.submit')}
          </button>
        </div>
        {approval && (
          <p id={`${id}-approval`} className="hint">
            {t('composer.approvalNote')}
          </p>
        )}
        {parts && (
          <div className="split-offer" role="group" aria-labelledby={`${id}-split`}>
            <p id={`${id}-split`}>{t('composer.splitOffer', { count: parts.length, channel, max: limit })}</p>
            <button type="button" onClick={() => void send(parts)}>
              {t('composer.splitSend', { count: parts.length })}
            </button>
          </div>
        )}
        {unfilled.length > 0 && <p className="error-text">{t('composer.unfilled', { names: unfilled.map((n) => `{{${n}}}`).join(', ') })}</p>}
      </form>
      <ComposerAttachments appealId={appeal.id} files={files} />
      <ReplyPreview body={body} appeal={appeal} municipality={municipality?.name ?? ''} files={files.map((f) => f.name)} />
      <div aria-live="polite" className="composer-message">
        {message}
      </div>
      {draft.error && (
        <div role="alert" className="error-text">
          {draft.error}
        </div>
      )}
    </section>
  );
}
