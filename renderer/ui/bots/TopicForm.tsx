import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { ANSWER_MAX_LENGTH, QUESTION_KINDS, TOPIC_ID_MAX_LENGTH, TOPIC_TITLE_MAX_LENGTH, type BotFile, type BotTopic, type QuestionKind } from '../../../shared/chatbot/model';
import type { Body } from '../../../shared/bodies';
import { TopicFiles } from './TopicFiles';

/** What the form needs of the server for a topic's files. */
export interface FileActions {
  upload: (file: File) => Promise<BotFile>;
  download: (file: BotFile) => void;
}

/** One topic of the tree being edited: its button, code, ready answer, the body it files an appeal in, and its questions. */
export function TopicForm({ topic, bodies, files, onChange }: { topic: BotTopic; bodies: readonly Body[]; files: FileActions; onChange: (patch: Partial<BotTopic>) => void }) {
  const { t } = useTranslation();
  const ids = { title: useId(), code: useId(), answer: useId(), body: useId() };
  const leaf = topic.children.length === 0;
  return (
    <fieldset className="bot-topic-form">
      <legend>{topic.title || t('bots.newTopic')}</legend>
      <label htmlFor={ids.title}>{t('bots.topicTitle')}</label>
      <input id={ids.title} type="text" value={topic.title} maxLength={TOPIC_TITLE_MAX_LENGTH} onChange={(e) => onChange({ title: e.target.value })} />
      <label htmlFor={ids.code}>{t('bots.topicId')}</label>
      <input id={ids.code} type="text" value={topic.id} maxLength={TOPIC_ID_MAX_LENGTH} pattern="[a-z0-9_-]+" onChange={(e) => onChange({ id: e.target.value.trim().toLowerCase() })} />
      <label htmlFor={ids.answer}>{t('bots.answer')}</label>
      <textarea id={ids.answer} rows={4} value={topic.answer} maxLength={ANSWER_MAX_LENGTH} spellCheck lang="ru" onChange={(e) => onChange({ answer: e.target.value })} />
      <fieldset>
        <legend>{t('bots.links')}</legend>
        {topic.links.map((l, i) => (
          <LinkRow
            key={i}
            n={i + 1}
            title={l.title}
            url={l.url}
            onChange={(next) => onChange({ links: topic.links.map((x, j) => (j === i ? { ...x, ...next } : x)) })}
            onRemove={() => onChange({ links: topic.links.filter((_, j) => j !== i) })}
          />
        ))}
        {topic.links.length < 10 && (
          <button type="button" onClick={() => onChange({ links: [...topic.links, { title: '', url: 'https://' }] })}>
            {t('bots.addLink')}
          </button>
        )}
      </fieldset>
      <TopicFiles topicId={topic.id} files={topic.files ?? []} onChange={(next) => onChange({ files: next })} upload={files.upload} download={files.download} />
      {leaf && (
        <>
          <label htmlFor={ids.body}>{t('bots.appealBody')}</label>
          <select id={ids.body} value={topic.appealBodyId ?? ''} onChange={(e) => onChange({ appealBodyId: e.target.value || null })}>
            <option value="">{t('bots.noAppeal')}</option>
            {bodies.map((b) => (
              <option key={b.id} value={b.id}>
                {b.name}
              </option>
            ))}
          </select>
          <fieldset>
            <legend>{t('bots.questions')}</legend>
            {topic.questions.map((q, i) => (
              <QuestionRow
                key={i}
                n={i + 1}
                kind={q.kind}
                prompt={q.prompt}
                onChange={(next) => onChange({ questions: topic.questions.map((x, j) => (j === i ? { ...x, ...next } : x)) })}
                onRemove={() => onChange({ questions: topic.questions.filter((_, j) => j !== i) })}
              />
            ))}
            {topic.questions.length < 5 && (
              <button type="button" onClick={() => onChange({ questions: [...topic.questions, { kind: 'text', prompt: '' }] })}>
                {t('bots.addQuestion')}
              </button>
            )}
          </fieldset>
        </>
      )}
    </fieldset>
  );
}

function QuestionRow({ n, kind, prompt, onChange, onRemove }: { n: number; kind: QuestionKind; prompt: string; onChange: (q: { kind?: QuestionKind; prompt?: string }) => void; onRemove: () => void }) {
  const { t } = useTranslation();
  const ids = { kind: useId(), prompt: useId() };
  return (
    <div className="bot-question">
      <label htmlFor={ids.kind}>
        {t('bots.questionKind')} {n}
      </label>
      <select id={ids.kind} value={kind} onChange={(e) => onChange({ kind: e.target.value as QuestionKind })}>
        {QUESTION_KINDS.map((k) => (
          <option key={k} value={k}>
            {t(`bots.kinds.${k}`)}
          </option>
        ))}
      </select>
      <label htmlFor={ids.prompt}>
        {t('bots.questionPrompt')} {n}
      </label>
      <input id={ids.prompt} type="text" value={prompt} maxLength={500} onChange={(e) => onChange({ prompt: e.target.value })} />
      <button type="button" className="link-button" onClick={onRemove}>
        {t('bots.removeQuestion')} {n}
      </button>
    </div>
  );
}

function LinkRow({ n, title, url, onChange, onRemove }: { n: number; title: string; url: string; onChange: (l: { title?: string; url?: string }) => void; onRemove: () => void }) {
  const { t } = useTranslation();
  const ids = { title: useId(), url: useId() };
  return (
    <div className="bot-question">
      <label htmlFor={ids.title}>
        {t('bots.linkTitle')} {n}
      </label>
      <input id={ids.title} type="text" value={title} maxLength={100} onChange={(e) => onChange({ title: e.target.value })} />
      <label htmlFor={ids.url}>
        {t('bots.linkUrl')} {n}
      </label>
      <input id={ids.url} type="url" value={url} maxLength={2048} onChange={(e) => onChange({ url: e.target.value.trim() })} />
      <button type="button" className="link-button" onClick={onRemove}>
        {t('bots.removeLink')} {n}
      </button>
    </div>
  );
}
