import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { resonanceSettingsSchema } from '../../../shared/resonance';
import { useResonanceSettings } from './resonance-settings';

/** The thresholds of the resonance watch, as a supervisor sets them; what was typed stays on a refusal. */
export function ResonanceSettingsForm() {
  const { t } = useTranslation();
  const id = useId();
  const [settings, save] = useResonanceSettings();
  const [ratio, setRatio] = useState(String(settings.ratio));
  const [minCount, setMinCount] = useState(String(settings.minCount));
  const [days, setDays] = useState(String(settings.baselineDays));
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = resonanceSettingsSchema.safeParse({
      ratio: Number(ratio.replace(',', '.')),
      minCount: Number(minCount),
      baselineDays: Number(days),
    });
    if (!parsed.success) {
      setMessage({ error: true, text: t('supervisor.resonance.settings.invalid') });
      return;
    }
    save(parsed.data);
    setMessage({ error: false, text: t('supervisor.resonance.settings.saved') });
  };

  return (
    <details className="resonance-settings">
      <summary>{t('supervisor.resonance.settings.heading')}</summary>
      <form onSubmit={submit} noValidate>
        <div className="field field-inline">
          <label htmlFor={`${id}-ratio`}>{t('supervisor.resonance.settings.ratio')}</label>
          <input id={`${id}-ratio`} inputMode="decimal" value={ratio} onChange={(e) => setRatio(e.target.value)} />
        </div>
        <div className="field field-inline">
          <label htmlFor={`${id}-min`}>{t('supervisor.resonance.settings.minCount')}</label>
          <input id={`${id}-min`} inputMode="numeric" value={minCount} onChange={(e) => setMinCount(e.target.value)} />
        </div>
        <div className="field field-inline">
          <label htmlFor={`${id}-days`}>{t('supervisor.resonance.settings.days')}</label>
          <input id={`${id}-days`} inputMode="numeric" value={days} onChange={(e) => setDays(e.target.value)} />
        </div>
        <button type="submit">{t('supervisor.resonance.settings.save')}</button>
        {message && (
          <p role={message.error ? 'alert' : 'status'} className={message.error ? 'error' : 'hint'}>
            {message.text}
          </p>
        )}
      </form>
    </details>
  );
}
