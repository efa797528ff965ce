import { memo, useEffect, useRef, useState, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { useLiveQuery } from 'dexie-react-hooks';
import type { Appeal, Template, User } from '../../../shared/domain';
import type { ApprovalPolicy } from '../../../shared/approval';
import { isSupervisorRole } from '../../../shared/permissions';
import { useApprovalPolicy } from '../../clerk/policy';
import { getDb } from '../../db';
import { useCurrent } from '../hooks/use-current';
import { useLiveData } from '../hooks/use-live-data';
import { RejectedList } from '../RejectedList';
import { AppealDetails } from './AppealDetails';
import { AssignControl } from './AssignControl';
import { NoteComposer } from './NoteComposer';
import { Composer } from './Composer';
import { AppealActions } from './AppealActions';
import { AttachmentList } from './Attachments';
import { Related } from './Related';
import { ProblemSection } from '../problems/ProblemSection';
import { useSession } from '../../state/session';
import { recordFirstOpen } from '../../clerk/audit-open';
import './appeal.css';
import { StatusControl } from './StatusControl';
import { History, Notes, Replies } from './Thread';
import { loadAppeal, RequestedAppeal, type AppealData } from './load-appeal';

/**
 * Everything about one appeal, read live from the replica. `focusRequest` changes when the
 * person opened the appeal from the keyboard: the heading takes focus once it has rendered.
 */
export function AppealView({ appealId, focusRequest }: { appealId: string | null; focusRequest: number }) {
  const { t } = useTranslation();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const handled = useRef(focusRequest);
  const { client, user } = useCurrent();
  const openRelated = useSession((s) => s.openAppeal);
  const signIn = useSession((s) => s.session);
  const data = useLiveData(() => (appealId ? loadAppeal(appealId, user.id) : null), [appealId, user.id]);
  // Read here, where they stay from one appeal to the next, not by each appeal's composer on
  // mount (the policy is the server's configuration: one request per session, not per appeal).
  const templates = useLiveQuery(() => getDb().templates.toArray(), []);
  const policy = useApprovalPolicy(client);

  // The citizen's new messages are read once the appeal is open: the queue's marker goes.
  const citizenMessages = data?.events.filter((e) => e.kind === 'citizen_message').length ?? 0;
  useEffect(() => {
    if (!appealId || citizenMessages === 0) return;
    void getDb()
      .notifications.where('userId')
      .equals(user.id)
      .filter((n) => n.kind === 'citizen' && n.appealId === appealId && !n.read)
      .modify({ read: true });
  }, [appealId, citizenMessages, user.id]);

  // The live query may still hold the previous appeal for a render: wait for this one's.
  const loadedFor = data === undefined ? undefined : (data?.forId ?? null);
  const shown = loadedFor === appealId && data?.appeal ? appealId : null;
  useEffect(() => {
    if (shown && signIn) recordFirstOpen(client, signIn, shown);
  }, [shown, signIn, client]);
  useEffect(() => {
    if (focusRequest === handled.current || loadedFor !== appealId) return;
    handled.current = focusRequest;
    headingRef.current?.focus();
  }, [focusRequest, loadedFor, appealId]);

  if (!appealId) {
    return (
      <div className="appeal-empty">
        <h2 ref={headingRef} tabIndex={-1}>
          {t('appeal.none')}
        </h2>
      </div>
    );
  }
  if (data === undefined) return <p>{t('app.loading')}</p>;
  if (!data?.appeal) {
    return (
      <div className="appeal-empty">
        <h2 ref={headingRef} tabIndex={-1}>
          {t('appeal.gone')}
        </h2>
      </div>
    );
  }
  return (
    <RequestedAppeal.Provider value={appealId}>
      <AppealBody data={data as AppealData & { appeal: Appeal }} templates={templates} policy={policy} user={user} headingRef={headingRef} onOpenRelated={openRelated} />
    </RequestedAppeal.Provider>
  );
}

interface BodyProps {
  data: AppealData & { appeal: Appeal };
  templates: Template[] | undefined;
  policy: ApprovalPolicy;
  user: User;
  headingRef: RefObject<HTMLHeadingElement | null>;
  onOpenRelated: (id: string) => void;
}

/**
 * Memoised: while the next appeal is being read the view renders again with the old data,
 * which then costs nothing.
 */
const AppealBody = memo(function AppealBody({ data, templates, policy, user, headingRef, onOpenRelated }: BodyProps) {
  const { t } = useTranslation();
  const { appeal } = data;
  return (
    <article className="appeal" data-appeal-id={appeal.id} aria-labelledby="appeal-heading">
      <h2 id="appeal-heading" ref={headingRef} tabIndex={-1}>
        {t('appeal.heading', { author: appeal.author.name })}
      </h2>
      <AppealDetails appeal={appeal} assignee={data.assignee} />
      <section className="appeal-text" aria-labelledby="appeal-text-heading">
        <h3 id="appeal-text-heading">{t('appeal.text')}</h3>
        {/* Untrusted text from a social network: rendered as text, never as HTML. */}
        <p className="plain-text">{appeal.text}</p>
        <AttachmentList attachments={appeal.attachments} label={t('appealMore.attachments')} />
      </section>
      <div className="controls">
        <StatusControl appeal={appeal} />
        {isSupervisorRole(user.role) && <AssignControl appeal={appeal} />}
      </div>
      {data.rejected.length > 0 && (
        <section className="rejected-inline" aria-labelledby="appeal-rejected-heading">
          <h3 id="appeal-rejected-heading">{t('rejected.heading')}</h3>
          <p>{t('rejected.intro')}</p>
          <RejectedList entries={data.rejected} />
        </section>
      )}
      {data.threadPending && <ThreadComing appealId={appeal.id} />}
      <Replies replies={data.replies} deliveries={data.deliveries} events={data.events} citizenName={appeal.author.name} />
      <Composer key={`reply-${appeal.id}`} appeal={appeal} municipality={data.municipality} files={data.files} templates={templates} policy={policy} />
      <AppealActions key={`actions-${appeal.id}`} appeal={appeal} />
      <Notes notes={data.notes} />
      <NoteComposer key={`note-${appeal.id}`} appealId={appeal.id} />
      <ProblemSection appeal={appeal} onOpen={onOpenRelated} />
      <History events={data.events} />
      <Related appeal={appeal} onOpen={onOpenRelated} />
    </article>
  );
});

/**
 * The first download has not brought this appeal's thread yet: it is asked for on its own, and
 * shows when it comes (the pane reads the replica live). Offline, the person is told it will come.
 */
function ThreadComing({ appealId }: { appealId: string }) {
  const { t } = useTranslation();
  const { client } = useCurrent();
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let live = true;
    setFailed(false);
    void client.fetchThread(appealId).then((ok) => {
      if (live && !ok) setFailed(true);
    });
    return () => {
      live = false;
    };
  }, [client, appealId]);
  return (
    <p className="banner banner-info" role="status">
      {t(failed ? 'appeal.historyOffline' : 'appeal.historyComing')}
    </p>
  );
}
