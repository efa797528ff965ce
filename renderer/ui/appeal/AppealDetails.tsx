import { useTranslation } from 'react-i18next';
import type { Appeal, User } from '../../../shared/domain';
import { formatDateTime } from '../../i18n/format';
import { SourceBadge, StatusBadge } from '../badges';
import { Countdown } from './Countdown';
import { useNow } from '../hooks/use-now';
import { ExternalLink } from './ExternalLink';

/** `assignee` is read with the appeal (see load-appeal), so the name shows from the first render. */
export function AppealDetails({ appeal, assignee }: { appeal: Appeal; assignee: User | undefined }) {
  const { t } = useTranslation();
  const now = useNow(30_000);
  const place = [appeal.settlement, appeal.address].filter(Boolean).join(', ');
  return (
    <dl className="details">
      <div>
        <dt>{t('appeal.source')}</dt>
        <dd>
          <SourceBadge source={appeal.source} /> <ExternalLink url={appeal.externalRef} label={t('appeal.openSource')} />
        </dd>
      </div>
      <div>
        <dt>{t('appealMore.thread')}</dt>
        <dd>
          <ExternalLink url={appeal.externalRef} label={t('appealMore.threadLink')} />
        </dd>
      </div>
      <div>
        <dt>{t('appeal.author')}</dt>
        <dd>
          {appeal.author.name} <ExternalLink url={appeal.author.profileUrl} label={t('appeal.openProfile')} />
          {appeal.author.contact && (
            <span className="hint">
              {' '}
              {t('appeal.contact')}: {appeal.author.contact}
            </span>
          )}
        </dd>
      </div>
      <div>
        <dt>{t('appeal.received')}</dt>
        <dd>
          <time dateTime={appeal.receivedAt}>{formatDateTime(appeal.receivedAt)}</time>
        </dd>
      </div>
      <div>
        <dt>{t('appeal.place')}</dt>
        <dd>{place || t('appeal.placeUnknown')}</dd>
      </div>
      <div>
        <dt>{t('appeal.category')}</dt>
        <dd>{t(`categories.${appeal.category}`)}</dd>
      </div>
      <div>
        <dt>{t('appeal.status')}</dt>
        <dd>
          <StatusBadge status={appeal.status} />{' '}
          {appeal.priority === 'urgent' && <span className="badge urgent">{t('priority.urgent')}</span>}
        </dd>
      </div>
      <div>
        <dt>{t('appeal.assignee')}</dt>
        <dd>{appeal.assigneeId ? (assignee?.displayName ?? appeal.assigneeId) : t('appeal.unassigned')}</dd>
      </div>
      <div>
        <dt>{t('deadline.firstResponse')}</dt>
        <dd>
          {appeal.firstRespondedAt ? (
            t('deadline.responded', { date: formatDateTime(appeal.firstRespondedAt) })
          ) : appeal.firstResponseDueAt ? (
            <Countdown dueAt={appeal.firstResponseDueAt} now={now} />
          ) : (
            t('deadline.none')
          )}
        </dd>
      </div>
      <div>
        <dt>{t('deadline.answer')}</dt>
        <dd>
          <Countdown dueAt={appeal.dueAt} now={now} />
        </dd>
      </div>
    </dl>
  );
}
