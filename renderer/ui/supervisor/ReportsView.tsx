import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isValidPeriod, type Period } from '../../../shared/periods';
import type { Digest } from '../../reports';
import { getDb } from '../../db';
import { errorMessage } from '../../i18n';
import { useCurrent } from '../hooks/use-current';
import { useNow } from '../hooks/use-now';
import { choosePeriod, PERIOD_CHOICES } from './period-choice';
import { useAuditedExport } from '../export/ExportReasonDialog';
import { municipalityName, useDirectory, userName } from './directory';
import { PlatformFiles } from './PlatformFiles';
import { useFacts } from './use-facts';
import { satisfactionLine } from '../../reports/digest-satisfaction';
import { presentAppeals } from '../../db/row-packs';
import { chatbotLine } from '../../reports/digest-chatbot';

type Busy = null | 'xlsx' | 'pdf';

/**
 * «Отчёты»: the digest for the regional operational HQ for a chosen period, as a spreadsheet and
 * as a PDF, built on this workstation from the replica (so it works offline too).
 */
export function ReportsView() {
  const { t } = useTranslation();
  const id = useId();
  const { user } = useCurrent();
  const facts = useFacts();
  const dir = useDirectory();
  const now = useNow();
  const [period, setPeriod] = useState<Period>(() => choosePeriod('lastWeek', now).period);
  const [busy, setBusy] = useState<Busy>(null);
  const [message, setMessage] = useState('');
  const [error, setError] = useState('');
  const [shown, setPreview] = useState<Digest | null>(null);
  const valid = isValidPeriod(period);

  const build = async (): Promise<Digest> => {
    const reports = await import('../../reports');
    const current = facts ?? (await import('../../analytics')).factsStore(getDb(), user.id).get();
    const view = await current;
    return reports.buildDigest({
      facts: view.facts,
      period,
      now: new Date(),
      scope: user.municipalityId ? municipalityName(dir, user.municipalityId) : t('supervisor.region'),
      userName: (uid) => userName(dir, uid, t('appeal.unassigned')),
      municipalityName: (mid) => municipalityName(dir, mid),
      loadAppeals: (ids) => presentAppeals(getDb(), ids),
    });
  };

  const preview = async () => {
    if (!valid) return;
    setError('');
    setMessage('');
    try {
      setPreview(await build());
    } catch (e) {
      setError(errorMessage((e as { code?: string }).code ?? 'unknown'));
    }
  };

  // A digest names citizens (its overdue and notable appeals): the file asks why, like every export.
  const audited = useAuditedExport();
  const exportFile = (kind: 'xlsx' | 'pdf') => {
    if (!valid) return;
    setError('');
    setMessage('');
    audited.ask({
      kind: kind === 'xlsx' ? 'report.xlsx' : 'report.pdf',
      title: t('export.digestTitle', { from: period.from, to: period.to }),
      run: async () => {
        setBusy(kind);
        try {
          const digest = await build();
          setPreview(digest);
          const reports = await import('../../reports');
          await (kind === 'xlsx' ? reports.exportDigestXlsx(digest) : reports.exportDigestPdf(digest));
          setMessage(t('supervisor.reports.saved', { name: reports.digestFileName(digest, kind) }));
          return digest.overdue.length + digest.notable.length;
        } finally {
          setBusy(null);
        }
      },
    });
  };

  return (
    <div className="sv-reports">
      <h2>{t('supervisor.reports.heading')}</h2>
      <p className="hint">{t('supervisor.reports.intro')}</p>
      <div className="sv-inline" role="group" aria-label={t('supervisor.reports.presets')}>
        {PERIOD_CHOICES.map((c) => (
          <button key={c} type="button" onClick={() => setPeriod(choosePeriod(c, now).period)}>
            {t(`supervisor.analytics.choices.${c}`)}
          </button>
        ))}
      </div>
      <div className="sv-inline">
        <div className="field">
          <label htmlFor={`${id}-from`}>{t('supervisor.reports.from')}</label>
          <input id={`${id}-from`} type="date" value={period.from} onChange={(e) => setPeriod((p) => ({ ...p, from: e.target.value }))} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-to`}>{t('supervisor.reports.to')}</label>
          <input id={`${id}-to`} type="date" value={period.to} onChange={(e) => setPeriod((p) => ({ ...p, to: e.target.value }))} />
        </div>
      </div>
      {!valid && <p className="error-text">{t('supervisor.reports.invalidPeriod')}</p>}
      <div className="button-row">
        <button type="button" className="primary" disabled={!valid || busy !== null} onClick={() => exportFile('xlsx')}>
          {busy === 'xlsx' ? t('supervisor.reports.building') : t('supervisor.reports.xlsx')}
        </button>
        <button type="button" className="primary" disabled={!valid || busy !== null} onClick={() => exportFile('pdf')}>
          {busy === 'pdf' ? t('supervisor.reports.building') : t('supervisor.reports.pdf')}
        </button>
        <button type="button" disabled={!valid || busy !== null} onClick={() => void preview()}>
          {t('supervisor.reports.preview')}
        </button>
      </div>
      <p className="sv-message" aria-live="polite">
        {message}
      </p>
      {error && (
        <p role="alert" className="error-text">
          {error}
        </p>
      )}
      {audited.dialog}
      {shown && <DigestPreview d={shown} />}
      <PlatformFiles />
    </div>
  );
}

function DigestPreview({ d }: { d: Digest }) {
  const { t } = useTranslation();
  return (
    <section className="sv-digest" aria-label={d.title}>
      <h3>
        {d.title}: {d.periodLabel}
      </h3>
      <ul>
        <li>{t('supervisor.reports.line.received', { count: d.received.current, previous: d.received.previous })}</li>
        <li>{t('supervisor.reports.line.overdue', { count: d.overdueNow })}</li>
        <li>{t('supervisor.reports.line.topics', { list: d.topics.slice(0, 3).map((r) => `${r.label} (${r.current})`).join(', ') || '—' })}</li>
        <li>{satisfactionLine(d.satisfaction)}</li>
        <li>{chatbotLine(d.chatbot)}</li>
        <li>{t('supervisor.reports.line.notable', { count: d.notable.length })}</li>
      </ul>
    </section>
  );
}
