import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Appeal } from '../../../shared/domain';
import { canSupervise } from '../../../shared/permissions';
import { POST_RETURN_COMMENT_MAX_LENGTH, postRequiresApproval, type Post } from '../../../shared/posts/post';
import { useApprovalPolicy } from '../../clerk/policy';
import { getDb } from '../../db';
import { errorMessage } from '../../i18n';
import { formatShort } from '../../i18n/format';
import { loadPostPages, photoObjectUrl, postBodyOf, postFacts, quoteCandidates, sendPost } from '../../problems/post-source';
import type { ProblemView } from '../../problems/problem-view';
import { ExternalLink } from '../appeal/ExternalLink';
import { useCurrent } from '../hooks/use-current';
import { ResolutionPostComposer, type PostSource } from '../posts/ResolutionPostComposer';

const IN_FLIGHT: readonly Post['state'][] = ['draft', 'submitted', 'approved', 'publishing'];

/**
 * A solved problem's resolution posts: each with where it stands and, once published, its links;
 * a supervisor approves or returns one waiting for them; a new one is composed here.
 */
export function ProblemPosts({ problem, appeals }: { problem: ProblemView; appeals: readonly Appeal[] }) {
  const { t } = useTranslation();
  const { user } = useCurrent();
  const posts = useLiveQuery(() => getDb().posts.where('problemId').equals(problem.id).sortBy('createdAt'), [problem.id]) ?? [];
  const [composing, setComposing] = useState(false);
  const [message, setMessage] = useState('');
  const busy = posts.some((p) => IN_FLIGHT.includes(p.state) && p.state !== 'draft');
  const solved = problem.state === 'solved' || problem.state === 'confirmed';
  if (!solved && posts.length === 0) return null;

  return (
    <section className="problem-posts" aria-labelledby="problem-posts-heading">
      <h4 id="problem-posts-heading">{t('problems.posts.heading')}</h4>
      <ul className="related-list">
        {posts.map((p) => (
          <PostItem key={p.id} post={p} supervisor={canSupervise(user)} onMessage={setMessage} />
        ))}
      </ul>
      {solved && !busy && !composing && appeals.length > 0 && (
        <button type="button" onClick={() => setComposing(true)}>
          {t('problems.posts.compose')}
        </button>
      )}
      {composing && (
        <PostComposerLoader
          problem={problem}
          appeals={appeals}
          onDone={(text) => {
            setComposing(false);
            setMessage(text);
          }}
          onCancel={() => setComposing(false)}
        />
      )}
      <p className="hint" role="status">
        {message}
      </p>
    </section>
  );
}

function PostItem({ post, supervisor, onMessage }: { post: Post; supervisor: boolean; onMessage: (m: string) => void }) {
  const { t } = useTranslation();
  const { client } = useCurrent();
  const [returning, setReturning] = useState(false);
  const [comment, setComment] = useState('');
  const id = useId();
  const act = async (name: 'post.approve' | 'post.return' | 'post.publish', args: Record<string, unknown>, done: string) => {
    try {
      await client.enqueue({ id: crypto.randomUUID(), name, args: { postId: post.id, ...args } } as Parameters<typeof client.enqueue>[0]);
      onMessage(done);
      setReturning(false);
    } catch (error) {
      onMessage(errorMessage((error as { code?: string }).code ?? 'unknown'));
    }
  };
  return (
    <li data-post-id={post.id} data-state={post.state}>
      <span className="post-state">{t('problems.posts.item', { date: formatShort(post.createdAt), state: t(`problems.posts.states.${post.state}`) })}</span>
      {post.links.map((l) => (
        <div key={l.channelId}>
          <ExternalLink url={l.url} label={t('problems.posts.link', { name: l.platform === 'vk' ? 'ВКонтакте' : l.platform === 'telegram' ? 'Telegram' : l.platform })} />
        </div>
      ))}
      {post.returnComment && post.state === 'returned' && <p className="hint">{t('problems.posts.returnComment', { comment: post.returnComment })}</p>}
      <p className="plain-text post-preview">{post.text}</p>
      {supervisor && post.state === 'submitted' && (
        <div className="button-row">
          <button type="button" className="primary" onClick={() => void act('post.approve', {}, t('problems.posts.approved'))}>
            {t('problems.posts.approve')}
          </button>
          <button type="button" aria-expanded={returning} onClick={() => setReturning(!returning)}>
            {t('problems.posts.return')}
          </button>
        </div>
      )}
      {supervisor && post.state === 'approved' && (
        <button type="button" onClick={() => void act('post.publish', {}, t('problems.posts.approved'))}>
          {t('problems.posts.publishAgain')}
        </button>
      )}
      {returning && (
        <form
          className="composer"
          onSubmit={(e) => {
            e.preventDefault();
            if (comment.trim()) void act('post.return', { comment: comment.trim() }, t('problems.posts.returned'));
          }}
        >
          <label htmlFor={id}>{t('problems.posts.returnReason')}</label>
          <textarea id={id} rows={2} value={comment} maxLength={POST_RETURN_COMMENT_MAX_LENGTH} required spellCheck lang="ru" onChange={(e) => setComment(e.target.value)} />
          <div className="composer-footer">
            <button type="submit">{t('problems.posts.returnSubmit')}</button>
          </div>
        </form>
      )}
    </li>
  );
}

/** Reads what the composer needs (the photos' bytes, the body's pages, the citizens' words), then shows it. */
function PostComposerLoader({ problem, appeals, onDone, onCancel }: { problem: ProblemView; appeals: readonly Appeal[]; onDone: (m: string) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const { client } = useCurrent();
  const policy = useApprovalPolicy(client);
  const [source, setSource] = useState<PostSource | null | 'failed'>(null);
  const bodyId = postBodyOf(problem);

  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let alive = true;
    const urls: string[] = [];
    const load = async () => {
      const photos = await Promise.all(
        (problem.evidence?.photos ?? []).map(async (p) => {
          const url = await photoObjectUrl(client, p.attachment.id);
          urls.push(url);
          return { attachmentId: p.attachment.id, url, name: p.attachment.name, role: p.phase };
        }),
      );
      const [channels, quotes, body] = await Promise.all([loadPostPages(client, bodyId), quoteCandidates(client, appeals), client.db.bodies.get(bodyId)]);
      if (alive) setSource({ problemId: problem.id, municipalityId: bodyId, facts: postFacts(problem, appeals, body?.name ?? bodyId), photos, quotes, channels });
    };
    void (async () => {
      // The evidence photos may still be on their way up from the workstation that marked the
      // problem solved: asked again a few times before the person is told.
      for (let tries = 1; alive; tries++) {
        try {
          await load();
          return;
        } catch (e) {
          if (tries >= 8) {
            if (alive) setSource('failed');
            console.warn('post composer could not load', e);
            return;
          }
          await new Promise((r) => setTimeout(r, 2500));
        }
      }
    })();
    return () => {
      alive = false;
      for (const u of urls) URL.revokeObjectURL(u);
    };
    // Read once per opening (and per «Повторить»): the composer keeps what the person does with it.
  }, [attempt]);

  if (source === null) return <p role="status">{t('problems.posts.loading')}</p>;
  if (source === 'failed')
    return (
      <>
        <p role="alert" className="error-text">
          {t('problems.posts.loadFailed')}
        </p>
        <button
          type="button"
          onClick={() => {
            setSource(null);
            setAttempt(attempt + 1);
          }}
        >
          {t('problems.posts.retry')}
        </button>
      </>
    );
  const needsApproval = postRequiresApproval(policy, bodyId, source.channels.map((c) => c.platform));
  return (
    <>
      <ResolutionPostComposer
        source={source}
        needsApproval={needsApproval}
        onSubmit={async (composed) => {
          await sendPost(client, problem, appeals[0]!.id, composed);
          onDone(t(needsApproval ? 'problems.posts.sentApproval' : 'problems.posts.sent'));
        }}
      />
      <button type="button" onClick={onCancel}>
        {t('problems.posts.cancel')}
      </button>
    </>
  );
}
