import type { AppealStatus, Role } from './domain';

/**
 * The appeal status machine: every allowed transition and the roles that may make it.
 * Server and workstation both consult this table, so a change here changes both at once.
 */
export const TRANSITIONS: ReadonlyArray<{ from: AppealStatus; to: AppealStatus; roles: readonly Role[] }> = [
  { from: 'new', to: 'assigned', roles: ['supervisor', 'admin'] },
  { from: 'new', to: 'in_progress', roles: ['clerk', 'supervisor', 'admin'] },
  { from: 'assigned', to: 'in_progress', roles: ['clerk', 'supervisor', 'admin'] },
  { from: 'in_progress', to: 'answered', roles: ['clerk', 'supervisor', 'admin'] },
  { from: 'in_progress', to: 'clarification', roles: ['clerk', 'supervisor', 'admin'] },
  { from: 'clarification', to: 'in_progress', roles: ['clerk', 'supervisor', 'admin'] },
  // 59-FZ art. 8 part 3: sent on to the competent body within 7 days of registration, so from the start.
  { from: 'new', to: 'forwarded', roles: ['clerk', 'supervisor', 'admin'] },
  { from: 'assigned', to: 'forwarded', roles: ['clerk', 'supervisor', 'admin'] },
  { from: 'in_progress', to: 'forwarded', roles: ['clerk', 'supervisor', 'admin'] },
  { from: 'answered', to: 'resolved', roles: ['clerk', 'supervisor', 'admin'] },
  { from: 'answered', to: 'in_progress', roles: ['clerk', 'supervisor', 'admin'] },
  { from: 'answered', to: 'closed', roles: ['supervisor', 'admin'] },
  { from: 'resolved', to: 'closed', roles: ['supervisor', 'admin'] },
  { from: 'forwarded', to: 'closed', roles: ['supervisor', 'admin'] },
  // reopen
  { from: 'resolved', to: 'in_progress', roles: ['supervisor', 'admin'] },
  { from: 'closed', to: 'in_progress', roles: ['supervisor', 'admin'] },
  { from: 'forwarded', to: 'in_progress', roles: ['supervisor', 'admin'] },
];

export function canTransition(from: AppealStatus, to: AppealStatus, role: Role): boolean {
  return TRANSITIONS.some((t) => t.from === from && t.to === to && t.roles.includes(role));
}

/** The statuses a person with `role` may move an appeal to from `from`, in table order. */
export function nextStatuses(from: AppealStatus, role: Role): AppealStatus[] {
  return TRANSITIONS.filter((t) => t.from === from && t.roles.includes(role)).map((t) => t.to);
}

/**
 * A published reply answers the appeal: the status it moves to, or null where a reply
 * does not change the status (already answered, or past it).
 */
export function statusAfterPublishedReply(current: AppealStatus): AppealStatus | null {
  switch (current) {
    case 'new':
    case 'assigned':
    case 'in_progress':
    case 'clarification':
      return 'answered';
    default:
      return null;
  }
}
