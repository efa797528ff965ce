import type { AppealEvent } from '../../../shared/domain';

/**
 * The words a history entry of a supervisor's decision or of routing adds after its kind: who got
 * the appeal and why, the routing rule that chose its body («направлено по правилу …»), the body
 * it was forwarded to, the comment of a returned reply, whether an approval edited it. null: not
 * one of these.
 */
export function describeSupervisionEvent(e: AppealEvent, t: (key: string) => string): string | null {
  const reason = typeof e.data.reason === 'string' && e.data.reason !== '' ? ` — ${t('supervisor.history.reason')}: «${e.data.reason}»` : '';
  switch (e.kind) {
    case 'assigned': {
      if (reason === '') return null;
      const name = typeof e.data.assigneeName === 'string' ? e.data.assigneeName : t('appeal.unassigned');
      return `: ${name}${reason}`;
    }
    case 'routed':
      return typeof e.data.ruleName === 'string' ? ` ${t('history.byRule')} «${e.data.ruleName}»` : null;
    case 'forwarded':
      return typeof e.data.bodyName === 'string' ? `: ${e.data.bodyName}${reason}` : null;
    case 'reply_returned':
      return typeof e.data.comment === 'string' ? `: «${e.data.comment}»` : '';
    case 'reply_approved':
      return e.data.edited === true ? ` ${t('supervisor.history.withEdit')}` : '';
    default:
      return null;
  }
}
