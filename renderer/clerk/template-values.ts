import type { Appeal, Municipality, User } from '../../shared/domain';
import type { TemplateValues } from '../../shared/templates';
import { formatDateTime } from '../i18n/format';

/** What a reply's `{{variables}}` are filled with for one appeal: the same in the composer and in a problem's answer to all. */
export function templateValues(appeal: Appeal, municipality: Pick<Municipality, 'name'> | null | undefined, clerk: Pick<User, 'displayName'>): TemplateValues {
  return {
    citizenName: appeal.author.name,
    address: [appeal.settlement, appeal.address].filter(Boolean).join(', '),
    deadline: formatDateTime(appeal.dueAt).split(',')[0] ?? '',
    municipality: municipality?.name ?? '',
    clerkName: clerk.displayName,
  };
}
