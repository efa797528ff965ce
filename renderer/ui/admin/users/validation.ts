import type { z } from 'zod';
import { i18n } from '../../../i18n';

/** The Russian sentence for each field a shared schema refused, once per field, in form order. */
export function fieldProblems(error: z.ZodError): string[] {
  const fields = [...new Set(error.issues.map((i) => String(i.path[0] ?? 'form')))];
  return fields.map((f) => (i18n.exists(`admin.users.invalid.${f}`) ? i18n.t(`admin.users.invalid.${f}`) : i18n.t('admin.users.invalid.form')));
}
