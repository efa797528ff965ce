import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AdminChannel } from '../../../../shared/channels/admin';
import { channelInputSchema } from '../../../../shared/channels/channel';
import { CHANNEL_PLATFORMS, type ChannelPlatform } from '../../../../shared/channels/platforms';
import { useDirectory } from '../../supervisor/directory';
import { adminErrorText, useAdminApi } from '../use-admin-api';

/** «key=value» lines: the channel's public settings (a VK group id, a Telegram bot's name). */
export function parseSettings(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const at = line.indexOf('=');
    if (at <= 0) continue;
    out[line.slice(0, at).trim()] = line.slice(at + 1).trim();
  }
  return out;
}

const settingsText = (s: AdminChannel['settings']) =>
  Object.entries(s)
    .map(([k, v]) => `${k}=${String(v)}`)
    .join('\n');

/**
 * Connect a channel, or change one (`channel` given): platform, the body it belongs to, its name,
 * settings, and its secrets — write-only fields, empty on an edit (left empty, the stored ones stay).
 */
export function ChannelForm({ channel, secretFields, onSaved, onCancel }: { channel?: AdminChannel; secretFields: Record<string, string[]>; onSaved(c: AdminChannel): void; onCancel?(): void }) {
  const { t } = useTranslation();
  const id = useId();
  const call = useAdminApi();
  const dir = useDirectory();
  const [platform, setPlatform] = useState<ChannelPlatform>(channel?.platform ?? 'vk');
  const [bodyId, setBodyId] = useState(channel?.bodyId ?? '');
  const [name, setName] = useState(channel?.name ?? '');
  const [settings, setSettings] = useState(channel ? settingsText(channel.settings) : '');
  const [secrets, setSecrets] = useState<Record<string, string>>({});
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const fields = secretFields[platform] ?? [];
  const bodies = [...dir.bodies.values()].sort((a, b) => a.name.localeCompare(b.name, 'ru'));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const given = Object.fromEntries(fields.map((f) => [f, secrets[f]?.trim() ?? '']).filter(([, v]) => v !== ''));
    const parsed = channelInputSchema.safeParse({
      id: channel?.id ?? `ch-${crypto.randomUUID()}`,
      platform,
      bodyId,
      name,
      settings: parseSettings(settings),
      enabled: channel?.enabled ?? true,
      ...(Object.keys(given).length ? { secrets: given } : {}),
    });
    if (!parsed.success) {
      setError(t('admin.channels.invalid'));
      return;
    }
    if (!channel && fields.some((f) => !given[f])) {
      setError(t('admin.channels.secretsNeeded', { names: fields.join(', ') }));
      return;
    }
    setBusy(true);
    setError('');
    try {
      const res = await call<{ channel: AdminChannel }>('POST', channel ? `/channels/${channel.id}` : '/channels', parsed.data);
      setSecrets({});
      if (!channel) {
        setName('');
        setSettings('');
      }
      onSaved(res.channel);
    } catch (e) {
      setError(adminErrorText(e, { validation_failed: t('admin.channels.refused') }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="adm-form" onSubmit={submit} noValidate aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>{channel ? t('admin.channels.editHeading', { name: channel.name }) : t('admin.channels.createHeading')}</h3>
      <div className="adm-row">
        <div className="field">
          <label htmlFor={`${id}-platform`}>{t('admin.channels.platform')}</label>
          <select id={`${id}-platform`} value={platform} disabled={channel !== undefined} onChange={(e) => setPlatform(e.target.value as ChannelPlatform)}>
            {CHANNEL_PLATFORMS.map((p) => (
              <option key={p} value={p}>
                {t(`admin.channels.platforms.${p}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-body`}>{t('admin.channels.body')}</label>
          <select id={`${id}-body`} value={bodyId} onChange={(e) => setBodyId(e.target.value)}>
            <option value="">{t('admin.channels.chooseBody')}</option>
            {bodies.map((b) => (
              <option key={b.id} value={b.id}>
                {b.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-name`}>{t('admin.channels.name')}</label>
          <input id={`${id}-name`} value={name} onChange={(e) => setName(e.target.value)} />
        </div>
      </div>
      <div className="adm-row">
        <div className="field">
          <label htmlFor={`${id}-settings`}>{t('admin.channels.settings')}</label>
          <textarea id={`${id}-settings`} rows={3} value={settings} onChange={(e) => setSettings(e.target.value)} aria-describedby={`${id}-settings-hint`} />
          <span id={`${id}-settings-hint`} className="hint">
            {t('admin.channels.settingsHint')}
          </span>
        </div>
        {fields.map((f) => (
          <div className="field" key={f}>
            <label htmlFor={`${id}-secret-${f}`}>{t('admin.channels.secret', { name: f })}</label>
            <input
              id={`${id}-secret-${f}`}
              type="password"
              autoComplete="off"
              value={secrets[f] ?? ''}
              placeholder={channel?.hasSecrets ? t('admin.channels.secretKept') : ''}
              onChange={(e) => setSecrets({ ...secrets, [f]: e.target.value })}
            />
          </div>
        ))}
      </div>
      <p className="adm-error" role="alert">
        {error}
      </p>
      <div className="button-row">
        <button type="submit" className="primary" disabled={busy} aria-busy={busy}>
          {channel ? t('admin.channels.save') : t('admin.channels.connect')}
        </button>
        {onCancel && (
          <button type="button" onClick={onCancel}>
            {t('admin.channels.cancel')}
          </button>
        )}
      </div>
    </form>
  );
}
