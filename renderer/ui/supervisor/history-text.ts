import type { AppealEvent } from '../../../shared/domain';

/**
 * The words a history entry of a supervisor's decision adds after its kind: who got the appeal
 * and why, the comment of a returned reply, whether an approval edited it. null: not one of these.
 */
export function describeSupervisionEvent(e: AppealEvent, t: (key: string) => string): string | null {
  const reason = typeof e.data.reason === 'string' && e.data.reason !== '' ? ` — ${t('supervisor.history.reason')}: «${e.data.reason}»` : '';
  switch (e.kind) {
    case 'assigned': {
      if (reason === '') return null;
      const name = typeof e.data.assigneeName === 'string' ? e.data.assigneeName : t('appeal.unassigned');
      return `: ${name}${reason}`;
    }
    case 'reply_returned':
      return typeof e.data.comment === 'string' ? `: «${e.data.comment}»` : '';
    case 'reply_approved':
      return e.data.edited === true ? ` ${t('supervisor.history.withEdit')}` : '';
    default:
      return null;
  }
}
