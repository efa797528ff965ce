import { useCallback, useEffect, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { draftProblems, type BotView } from '../../../shared/chatbot/admin';
import { botTreeSchema, findTopic, type BotTopic, type BotTree } from '../../../shared/chatbot/model';
import { errorMessage } from '../../i18n';
import { useCurrent } from '../hooks/use-current';
import { useDirectory } from '../supervisor/directory';
import { BotsApiError, createBot, downloadBotFile, listBotChannels, listBots, publishBotTree, updateBot, uploadBotFile } from './bots-api';
import { BotVersions } from './BotVersions';
import { TopicForm, type FileActions } from './TopicForm';
import { addTopic, blankTopic, freshTopicId, removeTopic, updateTopic } from './tree-edit';

const EMPTY_TREE: BotTree = { greeting: 'Здравствуйте! Выберите тему обращения.', topics: [] };

/**
 * «Чат-боты»: the ЦУР's supervisors build each bot's topic tree without a programmer and see how
 * citizens use it. The draft lives here until it is published; a refused publish keeps it, with
 * what is wrong in words.
 */
export function BotsView() {
  const { t } = useTranslation();
  const { client } = useCurrent();
  const [bots, setBots] = useState<BotView[] | null | 'failed'>(null);
  const [days, setDays] = useState(30);
  const [chosen, setChosen] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [message, setMessage] = useState('');
  const ids = { bot: useId(), name: useId() };

  const reload = useCallback(
    async (select?: string) => {
      try {
        const list = await listBots(client);
        setBots(list.bots);
        setDays(list.days);
        setChosen((c) => select ?? c ?? list.bots[0]?.id ?? null);
      } catch {
        setBots('failed');
      }
    },
    [client],
  );
  useEffect(() => void reload(), [reload]);

  const current = Array.isArray(bots) ? (bots.find((b) => b.id === chosen) ?? null) : null;

  return (
    <div className="sv-main bots-view">
      <h2>{t('bots.heading')}</h2>
      <p className="hint">{t('bots.intro')}</p>
      {bots === null ? (
        <p aria-busy="true">{t('supervisor.reading')}</p>
      ) : bots === 'failed' ? (
        <p role="alert" className="error-text">
          {t('bots.loadFailed')}
        </p>
      ) : (
        <>
          {bots.length === 0 ? (
            <p>{t('bots.none')}</p>
          ) : (
            <div className="field field-inline">
              <label htmlFor={ids.bot}>{t('bots.choose')}</label>
              <select id={ids.bot} value={chosen ?? ''} onChange={(e) => setChosen(e.target.value)}>
                {bots.map((b) => (
                  <option key={b.id} value={b.id}>
                    {b.name}
                  </option>
                ))}
              </select>
            </div>
          )}
          <form
            className="field field-inline"
            onSubmit={(e) => {
              e.preventDefault();
              if (!name.trim()) return;
              void createBot(client, name.trim()).then(
                (made) => {
                  setMessage(t('bots.created', { name: made.name }));
                  setName('');
                  void reload(made.id);
                },
                (err: unknown) => setMessage(errorMessage(err instanceof BotsApiError ? err.code : 'unknown')),
              );
            }}
          >
            <label htmlFor={ids.name}>{t('bots.newName')}</label>
            <input id={ids.name} type="text" value={name} maxLength={100} onChange={(e) => setName(e.target.value)} />
            <button type="submit" disabled={!name.trim()}>
              {t('bots.create')}
            </button>
          </form>
          <p className="hint" role="status">
            {message}
          </p>
          {current && <BotEditor key={`${current.id}:${current.version}`} bot={current} days={days} onPublished={(b) => void reload(b.id)} onMessage={setMessage} />}
        </>
      )}
    </div>
  );
}

function BotEditor({ bot, days, onPublished, onMessage }: { bot: BotView; days: number; onPublished: (b: BotView) => void; onMessage: (m: string) => void }) {
  const { t } = useTranslation();
  const { client } = useCurrent();
  const { bodies } = useDirectory();
  const bodyList = useMemo(() => [...bodies.values()].sort((a, b) => a.name.localeCompare(b.name, 'ru')), [bodies]);
  const [draft, setDraft] = useState<BotTree>(bot.tree ?? EMPTY_TREE);
  const [selected, setSelected] = useState<string | null>(draft.topics[0]?.id ?? null);
  const [refused, setRefused] = useState<string[]>([]);
  const [stale, setStale] = useState<number | null>(null);
  const [enabled, setEnabled] = useState(bot.enabled);
  const [channelIds, setChannelIds] = useState<string[]>(bot.channelIds);
  const [channels, setChannels] = useState<Array<{ id: string; name: string }> | null>(null);
  useEffect(() => {
    void listBotChannels(client).then(setChannels, () => setChannels([]));
  }, [client]);
  const toggleChannel = (id: string, on: boolean) => {
    const next = on ? [...channelIds, id] : channelIds.filter((c) => c !== id);
    setChannelIds(next);
    void updateBot(client, bot.id, { channelIds: next }).catch((err: unknown) => {
      setChannelIds(channelIds);
      onMessage(refusal(err, t('bots.saveFailed')));
    });
  };
  const ids = { greeting: useId(), enabled: useId(), problems: useId() };
  const fileActions = useMemo<FileActions>(
    () => ({
      upload: (file) => uploadBotFile(client, bot.id, file),
      download: (file) => {
        void downloadBotFile(client, bot.id, file.id).then(
          (blob) => {
            const url = URL.createObjectURL(blob);
            const a = Object.assign(document.createElement('a'), { href: url, download: file.name });
            a.click();
            setTimeout(() => URL.revokeObjectURL(url), 10_000);
          },
          () => onMessage(t('bots.downloadFailed')),
        );
      },
    }),
    [client, bot.id, onMessage, t],
  );
  const topic = selected ? findTopic(draft.topics, selected) : null;
  const problems = [...new Set([...draftProblems(draft), ...refused])];
  // What the server refused was about the draft as it was then: any edit asks again.
  const edit = (next: BotTree) => {
    setDraft(next);
    setRefused([]);
  };

  const add = (parentId: string | null) => {
    const id = freshTopicId(draft.topics);
    edit({ ...draft, topics: addTopic(draft.topics, parentId, blankTopic(id, t('bots.newTopic'))) });
    setSelected(id);
  };
  const change = (patch: Partial<BotTopic>) => {
    if (!topic) return;
    // A topic whose code changes stays selected under its new code.
    edit({ ...draft, topics: updateTopic(draft.topics, topic.id, patch) });
    if (patch.id !== undefined) setSelected(patch.id);
  };
  const publish = async (baseVersion: number) => {
    if (draftProblems(draft).length > 0) return;
    const parsed = botTreeSchema.safeParse(draft);
    if (!parsed.success) {
      setRefused(parsed.error.issues.map((i) => (i.code === 'custom' ? i.message : `${i.path.join('.')}: ${i.message}`)));
      return;
    }
    try {
      const view = await publishBotTree(client, bot.id, parsed.data, baseVersion);
      setStale(null);
      onMessage(t('bots.published', { version: view.version }));
      onPublished(view);
    } catch (err) {
      if (err instanceof BotsApiError && err.code === 'stale_version' && err.current !== null) setStale(err.current);
      else if (err instanceof BotsApiError && err.problems.length > 0) setRefused(err.problems);
      else onMessage(errorMessage(err instanceof BotsApiError ? err.code : 'unknown'));
    }
  };

  return (
    <section className="bot-editor" aria-labelledby="bot-editor-heading">
      <h3 id="bot-editor-heading">{bot.name}</h3>
      <p className="hint">{bot.version > 0 ? t('bots.version', { version: bot.version }) : t('bots.noVersion')}</p>
      <label>
        <input
          id={ids.enabled}
          type="checkbox"
          checked={enabled}
          onChange={(e) => {
            const next = e.target.checked;
            setEnabled(next);
            void updateBot(client, bot.id, { enabled: next }).catch((err: unknown) => {
              setEnabled(!next);
              onMessage(refusal(err, t('bots.saveFailed')));
            });
          }}
        />{' '}
        {t('bots.enabled')}
      </label>
      <fieldset>
        <legend>{t('bots.channels')}</legend>
        {channels?.length === 0 && <p className="hint">{t('bots.noChannels')}</p>}
        {channels?.map((c) => (
          <label key={c.id} className="post-page">
            <input type="checkbox" checked={channelIds.includes(c.id)} onChange={(e) => toggleChannel(c.id, e.target.checked)} /> {c.name}
          </label>
        ))}
      </fieldset>
      <label htmlFor={ids.greeting}>{t('bots.greeting')}</label>
      <textarea id={ids.greeting} rows={2} value={draft.greeting} maxLength={1000} onChange={(e) => edit({ ...draft, greeting: e.target.value })} />
      <div className="bot-tree-split">
        <div>
          <h4>{t('bots.topics')}</h4>
          <p className="hint">{t('bots.topicsHint')}</p>
          <TopicList topics={draft.topics} selected={selected} onSelect={setSelected} />
          <div className="button-row">
            <button type="button" onClick={() => add(null)}>
              {t('bots.addRoot')}
            </button>
            {topic && (
              <>
                <button type="button" onClick={() => add(topic.id)}>
                  {t('bots.addChild')}
                </button>
                <button
                  type="button"
                  onClick={() => {
                    edit({ ...draft, topics: removeTopic(draft.topics, topic.id) });
                    setSelected(null);
                  }}
                >
                  {t('bots.remove')}
                </button>
              </>
            )}
          </div>
        </div>
        {topic && <TopicForm topic={topic} bodies={bodyList} files={fileActions} onChange={change} />}
      </div>
      {problems.length > 0 && (
        <div id={ids.problems} role="alert">
          <p>{t('bots.problems')}</p>
          <ul className="form-errors">
            {problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </div>
      )}
      {stale !== null && (
        <div role="alert">
          <p>{t('bots.stale', { current: stale })}</p>
          <button type="button" onClick={() => void publish(stale)}>
            {t('bots.publishOver', { current: stale })}
          </button>
        </div>
      )}
      <button type="button" className="primary" onClick={() => void publish(bot.version)} aria-describedby={problems.length > 0 ? ids.problems : undefined}>
        {t('bots.publish')}
      </button>
      <BotVersions
        botId={bot.id}
        current={bot.version}
        onOpen={(tree, version) => {
          edit(tree);
          setSelected(tree.topics[0]?.id ?? null);
          onMessage(t('bots.versionOpened', { version }));
        }}
      />
      <Figures bot={bot} days={days} />
    </section>
  );
}

/** What the server refused, in the screen's words: its problems where it named them. */
function refusal(err: unknown, offline: string): string {
  if (err instanceof BotsApiError) return err.problems.length > 0 ? err.problems.join(' ') : errorMessage(err.code);
  return offline;
}

function TopicList({ topics, selected, onSelect }: { topics: readonly BotTopic[]; selected: string | null; onSelect: (id: string) => void }) {
  if (topics.length === 0) return null;
  return (
    <ul className="bot-topics">
      {topics.map((t) => (
        <li key={t.id}>
          <button type="button" className="link-button" aria-pressed={t.id === selected} onClick={() => onSelect(t.id)}>
            {t.title || t.id}
          </button>
          <TopicList topics={t.children} selected={selected} onSelect={onSelect} />
        </li>
      ))}
    </ul>
  );
}

function Figures({ bot, days }: { bot: BotView; days: number }) {
  const { t } = useTranslation();
  const id = useId();
  const top = [...bot.figures].filter((f) => f.week > 0).sort((a, b) => b.week - a.week).slice(0, 3);
  return (
    <section aria-labelledby={id}>
      <h4 id={id}>{t('bots.figures', { days })}</h4>
      <p>{t('bots.figuresSummary', { started: bot.started, filed: bot.filed })}</p>
      {top.length > 0 && <p>{t('bots.topWeek', { list: top.map((f) => `${f.path} (${f.week})`).join(', ') })}</p>}
      {bot.figures.length > 0 && (
        <table className="sv-table">
          <thead>
            <tr>
              <th scope="col">{t('bots.path')}</th>
              <th scope="col">{t('bots.taken')}</th>
              <th scope="col">{t('bots.answered')}</th>
              <th scope="col">{t('bots.appeals')}</th>
              <th scope="col">{t('bots.onTime')}</th>
              <th scope="col">{t('bots.week')}</th>
            </tr>
          </thead>
          <tbody>
            {bot.figures.map((f) => (
              <tr key={f.topicId}>
                <th scope="row">{f.path}</th>
                <td>{f.taken}</td>
                <td>{f.answered}</td>
                <td>{f.appeals}</td>
                <td>{f.onTime}</td>
                <td>{f.week}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
