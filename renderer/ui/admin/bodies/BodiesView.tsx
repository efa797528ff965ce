import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AdminUser } from '../../../../shared/admin';
import type { AdminBody } from '../../../../shared/admin-bodies';
import { userBodyId } from '../../../../shared/bodies';
import { adminErrorText, useAdminApi } from '../use-admin-api';
import { CreateBodyForm } from './BodyForms';
import { EditBodyPanel } from './EditBodyPanel';
import { treeOrder } from './tree-order';

/**
 * «Органы»: the region's bodies as a tree (kind, parent, staff), a new body, and one body's card.
 * The data is the server's (the console works online); each change reaches the workstations'
 * directories through the change log.
 */
export function BodiesView() {
  const { t } = useTranslation();
  const call = useAdminApi();
  const [bodies, setBodies] = useState<AdminBody[] | null>(null);
  const [users, setUsers] = useState<AdminUser[]>([]);
  const [error, setError] = useState('');
  const [openId, setOpenId] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      const [b, u] = await Promise.all([call<{ bodies: AdminBody[] }>('GET', '/bodies'), call<{ users: AdminUser[] }>('GET', '/users')]);
      setBodies(b.bodies);
      setUsers(u.users);
      setError('');
    } catch (e) {
      setError(adminErrorText(e));
    }
  }, [call]);
  useEffect(() => void load(), [load]);

  const rows = useMemo(() => treeOrder(bodies ?? []), [bodies]);
  const names = useMemo(() => new Map((bodies ?? []).map((b) => [b.id, b.name])), [bodies]);
  const open = bodies?.find((b) => b.id === openId) ?? null;

  return (
    <>
      <h2>{t('admin.bodies.heading')}</h2>
      {bodies && <CreateBodyForm bodies={bodies} onCreated={() => void load()} />}
      {open && bodies && (
        <EditBodyPanel key={open.id} body={open} bodies={bodies} staff={users.filter((u) => userBodyId(u) === open.id)} onChanged={load} onClose={() => setOpenId(null)} />
      )}
      <p className="adm-error" role="alert">
        {error}
      </p>
      {bodies === null ? (
        !error && <p aria-busy="true">{t('app.loading')}</p>
      ) : (
        <div className="sv-table-wrap">
          <table className="sv-table">
            <caption className="adm-muted">{t('admin.bodies.count', { count: bodies.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('admin.bodies.name')}</th>
                <th scope="col">{t('admin.bodies.kind')}</th>
                <th scope="col">{t('admin.bodies.parent')}</th>
                <th scope="col">{t('admin.bodies.staff')}</th>
                <th scope="col">{t('admin.bodies.state')}</th>
                <th scope="col">
                  <span className="sr-live">{t('admin.bodies.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map(({ body: b, depth }) => (
                <tr key={b.id} className={b.id === openId ? 'is-open' : undefined} data-body-id={b.id}>
                  <th scope="row" style={{ paddingLeft: `${0.5 + depth * 1.25}rem`, fontWeight: depth === 0 ? 700 : 400 }}>
                    {b.name}
                  </th>
                  <td>{t(`admin.bodies.kinds.${b.kind}`)}</td>
                  <td>{b.parentId === null ? '—' : (names.get(b.parentId) ?? b.parentId)}</td>
                  <td>{b.staffCount}</td>
                  <td>{b.disabled ? t('admin.bodies.disabled') : t('admin.bodies.active')}</td>
                  <td>
                    <button
                      type="button"
                      // Opening a card reads the tree and the staff again: another administrator may have changed them.
                      onClick={() => {
                        setOpenId(b.id);
                        void load();
                      }}
                      aria-label={t('admin.bodies.openLabel', { name: b.name })}>
                      {t('admin.bodies.open')}
                    </button>
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
