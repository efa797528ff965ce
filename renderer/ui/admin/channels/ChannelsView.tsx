import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AdminChannel, AdminChannelsResponse, ChannelCheckResponse } from '../../../../shared/channels/admin';
import { formatDateTime } from '../../../i18n/format';
import { municipalityName, useDirectory } from '../../supervisor/directory';
import { adminErrorText, useAdminApi } from '../use-admin-api';
import { ChannelForm } from './ChannelForm';
import { AdminMessages } from '../AdminMessages';

/**
 * «Каналы»: the communities and bots connected to Otklik — each with its body, the webhook URL to
 * paste into the platform, the last event and the last error; connect one, change, disable, and
 * «Проверить подключение».
 */
export function ChannelsView() {
  const { t } = useTranslation();
  const call = useAdminApi();
  const dir = useDirectory();
  const [data, setData] = useState<AdminChannelsResponse | null>(null);
  const [error, setError] = useState('');
  const [status, setStatus] = useState('');
  const [openId, setOpenId] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      setData(await call<AdminChannelsResponse>('GET', '/channels'));
      setError('');
    } catch (e) {
      setError(adminErrorText(e));
    }
  }, [call]);
  useEffect(() => void load(), [load]);

  const replace = (c: AdminChannel) => setData((d) => d && { ...d, channels: d.channels.map((x) => (x.id === c.id ? c : x)) });

  const toggle = async (c: AdminChannel) => {
    try {
      const res = await call<{ channel: AdminChannel }>('POST', `/channels/${c.id}/enabled`, { enabled: !c.enabled });
      replace(res.channel);
      setStatus(t(res.channel.enabled ? 'admin.channels.enabledNow' : 'admin.channels.disabledNow', { name: c.name }));
    } catch (e) {
      setError(adminErrorText(e));
    }
  };

  const check = async (c: AdminChannel) => {
    setStatus(t('admin.channels.checking', { name: c.name }));
    try {
      const res = await call<ChannelCheckResponse>('POST', `/channels/${c.id}/check`);
      setStatus(
        !res.ok
          ? t('admin.channels.checkFailed', { name: c.name, reason: t(`delivery.reasons.${res.code ?? 'rejected'}`) })
          : res.warning
            ? t('admin.channels.checkWarning', { name: c.name, reason: t(`delivery.reasons.${res.warning}`, { defaultValue: res.warning }) })
            : t('admin.channels.checkOk', { name: c.name }),
      );
    } catch (e) {
      setError(adminErrorText(e));
    }
  };

  const open = data?.channels.find((c) => c.id === openId);
  return (
    <>
      <h2>{t('admin.channels.heading')}</h2>
      {data && <ChannelForm secretFields={data.secretFields} onSaved={(c) => { setStatus(t('admin.channels.connected', { name: c.name })); void load(); }} />}
      {data && open && (
        <ChannelForm
          key={open.id}
          channel={open}
          secretFields={data.secretFields}
          onSaved={(c) => {
            replace(c);
            setOpenId(null);
            setStatus(t('admin.channels.saved', { name: c.name }));
          }}
          onCancel={() => setOpenId(null)}
        />
      )}
      <AdminMessages error={error} status={status} />
      {data === null ? (
        !error && <p aria-busy="true">{t('app.loading')}</p>
      ) : data.channels.length === 0 ? (
        <p className="hint">{t('admin.channels.none')}</p>
      ) : (
        <div className="sv-table-wrap">
          <table className="sv-table adm-channels">
            <caption className="adm-muted">{t('admin.channels.count', { count: data.channels.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('admin.channels.name')}</th>
                <th scope="col">{t('admin.channels.platform')}</th>
                <th scope="col">{t('admin.channels.body')}</th>
                <th scope="col">{t('admin.channels.webhook')}</th>
                <th scope="col">{t('admin.channels.lastEvent')}</th>
                <th scope="col">{t('admin.channels.lastError')}</th>
                <th scope="col">{t('admin.channels.state')}</th>
                <th scope="col">{t('admin.channels.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {data.channels.map((c) => (
                <tr key={c.id} data-channel-id={c.id}>
                  <td>{c.name}</td>
                  <td>{t(`admin.channels.platforms.${c.platform}`)}</td>
                  <td>{municipalityName(dir, c.bodyId)}</td>
                  <td>
                    <code className="adm-webhook">{c.webhookUrl}</code>
                  </td>
                  <td>{c.lastEventAt ? formatDateTime(c.lastEventAt) : t('admin.channels.never')}</td>
                  <td>{c.lastErrorCode ? `${t(`delivery.reasons.${c.lastErrorCode}`, { defaultValue: c.lastErrorCode })}, ${formatDateTime(c.lastErrorAt)}` : t('admin.channels.noError')}</td>
                  <td>{c.enabled ? t('admin.channels.enabled') : t('admin.channels.disabled')}</td>
                  <td>
                    <div className="button-row">
                      <button type="button" onClick={() => void check(c)} aria-label={t('admin.channels.checkLabel', { name: c.name })}>
                        {t('admin.channels.check')}
                      </button>
                      <button type="button" onClick={() => setOpenId(c.id)} aria-label={t('admin.channels.editLabel', { name: c.name })}>
                        {t('admin.channels.edit')}
                      </button>
                      <button type="button" onClick={() => void toggle(c)} aria-label={t(c.enabled ? 'admin.channels.disableLabel' : 'admin.channels.enableLabel', { name: c.name })}>
                        {c.enabled ? t('admin.channels.disable') : t('admin.channels.enable')}
                      </button>
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
