import type { Appeal, Category } from '../../shared/domain';
import { appealAfterCategory, appealAfterClarificationRequest, appealAfterForward } from '../../shared/clerk-actions';

/** The optimistic effects of the clerk's own appeal mutations: the same shared/ functions the server applies. */
export const CLERK_APPEAL_EFFECTS = ['appeal.setCategory', 'appeal.forward', 'appeal.requestClarification'] as const;

export function applyClerkEntry(appeal: Appeal, entry: { name: string; args: Record<string, unknown>; createdAt: string }): Appeal {
  switch (entry.name) {
    case 'appeal.setCategory':
      return appealAfterCategory(appeal, entry.args.category as Category, entry.createdAt);
    case 'appeal.forward':
      return appealAfterForward(appeal, entry.createdAt);
    case 'appeal.requestClarification':
      return appealAfterClarificationRequest(appeal, entry.createdAt);
    default:
      return appeal;
  }
}
