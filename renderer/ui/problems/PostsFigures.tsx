import { useLiveQuery } from 'dexie-react-hooks';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { postsByBodyAndMonth, type PublishedPostFact } from '../../../shared/posts/analytics';
import { getDb } from '../../db';
import { municipalityName, useDirectory } from '../supervisor/directory';

/** The published posts with when their problem's first appeal came, from the replica. */
async function publishedFacts(): Promise<PublishedPostFact[]> {
  const db = getDb();
  const posts = (await db.posts.toArray()).filter((p) => p.state === 'published' && p.publishedAt !== null);
  const facts: PublishedPostFact[] = [];
  for (const p of posts) {
    const appeals = await db.appeals.where('problemId').equals(p.problemId).toArray();
    const first = appeals.reduce<string | null>((min, a) => (min === null || a.receivedAt < min ? a.receivedAt : min), null);
    facts.push({ bodyId: p.municipalityId, publishedAt: p.publishedAt!, firstAppealAt: first ?? p.createdAt });
  }
  return facts;
}

/** «Посты о решении» on «Аналитика»: posts published per body and month, and how long the citizens waited for them. */
export function PostsFigures() {
  const { t } = useTranslation();
  const id = useId();
  const dir = useDirectory();
  const rows = useLiveQuery(async () => postsByBodyAndMonth(await publishedFacts()), []);
  if (!rows) return null;
  return (
    <section className="sv-table-block" aria-labelledby={id}>
      <h3 id={id}>{t('problems.postsFigures.heading')}</h3>
      {rows.length === 0 ? (
        <p className="hint">{t('problems.postsFigures.none')}</p>
      ) : (
        <table className="sv-table">
          <thead>
            <tr>
              <th scope="col">{t('problems.postsFigures.body')}</th>
              <th scope="col">{t('problems.postsFigures.month')}</th>
              <th scope="col">{t('problems.postsFigures.posts')}</th>
              <th scope="col">{t('problems.postsFigures.days')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={`${r.bodyId}-${r.month}`}>
                <th scope="row">{municipalityName(dir, r.bodyId)}</th>
                <td>{r.month}</td>
                <td>{r.posts}</td>
                <td>{r.medianDaysToPost === null ? '—' : r.medianDaysToPost.toLocaleString('ru-RU')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
