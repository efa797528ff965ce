import type { AuditEntry } from '../../../../shared/audit';
import { t } from '../../../i18n';

/** One field's value; a nested one (a routing rule's conditions) as JSON rather than «[object Object]». */
function fieldValue(v: unknown): string {
  if (v === null || v === undefined) return '—';
  if (typeof v === 'boolean') return t(v ? 'admin.audit.yes' : 'admin.audit.no');
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}

/** An object of the log's before/after as «ключ: значение, …», in the console's words. */
function fields(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value !== 'object') return String(value);
  return Object.entries(value as Record<string, unknown>)
    .map(([k, v]) => `${t(`admin.audit.field.${k}`, { defaultValue: k })}: ${fieldValue(v)}`)
    .join(', ');
}

const text = (v: unknown): string => (typeof v === 'string' || typeof v === 'number' ? String(v) : '');

/** One line of details for an entry of the audit log, in Russian. */
export function describeEntry(e: AuditEntry): string {
  const d = e.data;
  switch (e.kind) {
    case 'auth.login':
      return t('admin.audit.describe.login', { username: e.subject ?? '' });
    case 'auth.login_failed':
      return t('admin.audit.describe.loginFailed', { username: e.subject ?? '', reason: t(`admin.audit.failReason.${text(d.reason) || 'invalid_credentials'}`) });
    case 'appeal.opened':
      return t('admin.audit.describe.opened');
    case 'export':
      return t('admin.audit.describe.export', { title: text(d.title), rows: text(d.rows), reason: text(d.reason) });
    case 'appeal.forwarded':
      return t('admin.audit.describe.forwarded', { to: text(d.to), reason: text(d.reason) });
    case 'appeal.moved':
      return t('admin.audit.describe.moved', { from: text(d.from), to: text(d.to), reason: text(d.reason) });
    case 'admin.change':
      return t('admin.audit.describe.change', {
        action: t(`admin.audit.actions.${text(d.action)}`, { defaultValue: text(d.action) }),
        subject: e.subject ?? '',
        before: fields(d.before),
        after: fields(d.after),
      });
  }
}
