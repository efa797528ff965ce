import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChannelPlatform } from '../../../shared/channels/platforms';
import { initials } from '../../../shared/posts/personal-data';
import { postSubmitProblems, publicPostText, type PostPhoto, type PostQuote } from '../../../shared/posts/post';
import { DEFAULT_POST_TEMPLATE, fillPostTemplate, type PostFacts } from '../../../shared/posts/template';
import { exportBlurred } from './blur-canvas';
import type { Rect } from './blur-geometry';
import { BlurEditor } from './BlurEditor';

/**
 * What the composer needs of a solved problem. A minimal interface: the problem model (issue #10)
 * fills it from the problem, its evidence photos, its appeals' citizens' messages and the body's
 * connected pages.
 */
export interface PostSource {
  problemId: string;
  municipalityId: string;
  facts: PostFacts;
  /**
   * `url`: an object URL of the photo's bytes (fetched with the attachment's ticket), not the
   * server's address: a canvas that drew a cross-origin image (Electron's page and the server are
   * two origins) refuses to export it, and the blurred photo could not be published.
   */
  photos: Array<{ attachmentId: string; url: string; name: string; role: PostPhoto['role'] }>;
  /** Citizens' words of thanks that may be quoted (with their consent). */
  quotes: Array<{ appealId: string; text: string; authorName: string }>;
  channels: Array<{ id: string; name: string; platform: ChannelPlatform }>;
}

/** The composed post: the photos re-encoded from the blur editor's canvas (no EXIF), in order. */
export interface ComposedPost {
  text: string;
  quotes: PostQuote[];
  channelIds: string[];
  photos: Array<{ role: PostPhoto['role']; name: string; blob: Blob }>;
}

/**
 * «Пост о решении»: the template's text with the problem's address and dates, the after photos
 * (before ones if the clerk wants them) each with its blur editor, the citizens' thanks quoted only
 * with consent, signed with initials, the pages to publish on, and the public text as it will read.
 */
export function ResolutionPostComposer({ source, needsApproval, onSubmit }: { source: PostSource; needsApproval: boolean; onSubmit: (post: ComposedPost) => Promise<void> }) {
  const { t } = useTranslation();
  const ids = { text: useId(), problems: useId() };
  const [text, setText] = useState(() => fillPostTemplate(DEFAULT_POST_TEMPLATE, source.facts));
  const [included, setIncluded] = useState<Set<string>>(() => new Set(source.photos.filter((p) => p.role === 'after').map((p) => p.attachmentId)));
  const [areas, setAreas] = useState<Record<string, Rect[]>>({});
  const [consent, setConsent] = useState<Set<string>>(new Set());
  const [channelIds, setChannelIds] = useState<Set<string>>(() => new Set(source.channels.map((c) => c.id)));
  const [shownProblems, setShownProblems] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState<string | null>(null);

  const toggle = (set: Set<string>, id: string, on: boolean) => {
    const next = new Set(set);
    if (on) next.add(id);
    else next.delete(id);
    return next;
  };
  const quotes: PostQuote[] = source.quotes.map((q) => ({ ...q, consent: consent.has(q.appealId) }));
  const photos = source.photos.filter((p) => included.has(p.attachmentId));
  const draft = { text, quotes, photos: photos.map((p) => ({ attachmentId: p.attachmentId, role: p.role })), channelIds: [...channelIds] };
  const preview = publicPostText({ text, quotes });

  const submit = async () => {
    const problems = postSubmitProblems(draft);
    setShownProblems(problems);
    if (problems.length > 0) return;
    setBusy(true);
    setFailed(null);
    try {
      const encoded = await Promise.all(
        photos.map(async (p, i) => {
          const img = await loadImage(p.url);
          return { role: p.role, name: `photo-${i + 1}.jpg`, blob: await exportBlurred(img, areas[p.attachmentId] ?? []) };
        }),
      );
      await onSubmit({ text, quotes, channelIds: [...channelIds], photos: encoded });
    } catch (e) {
      setFailed(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="post-composer" aria-labelledby="post-composer-heading">
      <h2 id="post-composer-heading">{t('post.heading')}</h2>
      <label htmlFor={ids.text}>{t('post.text')}</label>
      <textarea id={ids.text} value={text} rows={6} onChange={(e) => setText(e.target.value)} aria-describedby={shownProblems.length > 0 ? ids.problems : undefined} />

      <fieldset>
        <legend>{t('post.photos')}</legend>
        <p className="hint">{t('post.photosHint')}</p>
        {source.photos.map((p) => (
          <div key={p.attachmentId} className="post-photo">
            <label>
              <input type="checkbox" checked={included.has(p.attachmentId)} onChange={(e) => setIncluded(toggle(included, p.attachmentId, e.target.checked))} />{' '}
              {t(p.role === 'after' ? 'post.photoAfter' : 'post.photoBefore', { name: p.name })}
            </label>
            {included.has(p.attachmentId) && (
              <BlurEditor src={p.url} label={p.name} rects={areas[p.attachmentId] ?? []} onRects={(rects) => setAreas({ ...areas, [p.attachmentId]: rects })} />
            )}
          </div>
        ))}
      </fieldset>

      {source.quotes.length > 0 && (
        <fieldset>
          <legend>{t('post.quotes')}</legend>
          <p className="hint">{t('post.quotesHint')}</p>
          {source.quotes.map((q) => (
            <div key={q.appealId} className="post-quote">
              <blockquote className="plain-text">{q.text}</blockquote>
              <label>
                <input type="checkbox" checked={consent.has(q.appealId)} onChange={(e) => setConsent(toggle(consent, q.appealId, e.target.checked))} />{' '}
                {t('post.consent', { initials: initials(q.authorName) || t('post.noName') })}
              </label>
            </div>
          ))}
        </fieldset>
      )}

      <fieldset>
        <legend>{t('post.pages')}</legend>
        {source.channels.length === 0 && <p className="hint">{t('post.noPages')}</p>}
        {source.channels.map((c) => (
          <label key={c.id} className="post-page">
            <input type="checkbox" checked={channelIds.has(c.id)} onChange={(e) => setChannelIds(toggle(channelIds, c.id, e.target.checked))} /> {c.name}
          </label>
        ))}
      </fieldset>

      <section aria-labelledby="post-preview-heading">
        <h3 id="post-preview-heading">{t('post.preview')}</h3>
        <p className="plain-text post-preview" data-testid="post-preview">
          {preview}
        </p>
      </section>

      {shownProblems.length > 0 && (
        <ul id={ids.problems} role="alert" className="form-errors">
          {shownProblems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
      {failed && (
        <p role="alert" className="form-errors">
          {t('post.failed', { reason: failed })}
        </p>
      )}
      <button type="button" className="primary" onClick={() => void submit()} disabled={busy}>
        {needsApproval ? t('post.submitForApproval') : t('post.publish')}
      </button>
    </section>
  );
}

function loadImage(url: string): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const img = new Image();
    img.onload = () => resolve(img);
    img.onerror = () => reject(new Error(`the photo ${url} could not be loaded`));
    img.src = url;
  });
}
