import { useTranslation } from 'react-i18next';
import type { RoutingRule } from '../../../../shared/routing-rules';
import { conditionsText, targetText, type Names } from './summary';

/**
 * The rules in the order intake tries them, each in words: what it matches, where it sends, and
 * whether it is on; with the buttons to change, delete, or move it one place up or down. The
 * buttons carry `data-action` so the screen can give focus back after the list redraws.
 */
export function RuleList({
  rules,
  names,
  busy,
  onEdit,
  onDelete,
  onMove,
}: {
  rules: readonly RoutingRule[];
  names: Names;
  busy: boolean;
  onEdit(rule: RoutingRule): void;
  onDelete(rule: RoutingRule): void;
  onMove(index: number, to: number): void;
}) {
  const { t } = useTranslation();
  if (rules.length === 0) return <p className="adm-muted">{t('admin.routing.empty')}</p>;
  return (
    <div className="sv-table-wrap">
      <table className="sv-table rt-list">
        <caption className="adm-muted">{t('admin.routing.count', { count: rules.length })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('admin.routing.order')}</th>
            <th scope="col">{t('admin.routing.name')}</th>
            <th scope="col">{t('admin.routing.when')}</th>
            <th scope="col">{t('admin.routing.target')}</th>
            <th scope="col">{t('admin.routing.state')}</th>
            <th scope="col">
              <span className="sr-live">{t('admin.routing.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rules.map((rule, i) => (
            <tr key={rule.id} data-rule-id={rule.id} className={rule.enabled ? undefined : 'rt-off'}>
              <td>{i + 1}</td>
              <th scope="row">{rule.name}</th>
              <td>{conditionsText(rule.when, names)}</td>
              <td>{targetText(rule.target, names)}</td>
              <td>{rule.enabled ? t('admin.routing.enabled') : t('admin.routing.disabled')}</td>
              <td>
                <div className="adm-actions">
                  <button type="button" data-action="up" disabled={busy || i === 0} onClick={() => onMove(i, i - 1)} aria-label={t('admin.routing.upLabel', { name: rule.name })}>
                    {t('admin.routing.up')}
                  </button>
                  <button
                    type="button"
                    data-action="down"
                    disabled={busy || i === rules.length - 1}
                    onClick={() => onMove(i, i + 1)}
                    aria-label={t('admin.routing.downLabel', { name: rule.name })}
                  >
                    {t('admin.routing.down')}
                  </button>
                  <button type="button" data-action="edit" onClick={() => onEdit(rule)} aria-label={t('admin.routing.editLabel', { name: rule.name })}>
                    {t('admin.routing.edit')}
                  </button>
                  <button type="button" data-action="delete" disabled={busy} onClick={() => onDelete(rule)} aria-label={t('admin.routing.deleteLabel', { name: rule.name })}>
                    {t('admin.routing.delete')}
                  </button>
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
