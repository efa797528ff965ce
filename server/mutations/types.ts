import type { ApprovalPolicy } from '../../shared/approval';
import type { Appeal, User } from '../../shared/domain';
import type { ErrorCode } from '../../shared/protocol';
import type { ChangeSet } from '../changes';
import type { Queryable } from '../db/types';

export interface MutationContext {
  q: Queryable;
  changes: ChangeSet;
  actor: User;
  /** One instant for everything the mutation writes. */
  now: string;
  approvalPolicy: ApprovalPolicy;
  /** The network address the push came from, for the audit log. */
  address?: string;
}

export type Outcome =
  | { status: 'applied' }
  | { status: 'duplicate' }
  | { status: 'rejected'; code: ErrorCode; message: string; current?: Appeal };

export const applied: Outcome = { status: 'applied' };
export const duplicate: Outcome = { status: 'duplicate' };

export function rejected(code: ErrorCode, message: string, current?: Appeal): Outcome {
  return current ? { status: 'rejected', code, message, current } : { status: 'rejected', code, message };
}

/** Rejections caused by the appeal's state carry the appeal as the server has it, to show the clerk. */
export const STATE_CODES: readonly ErrorCode[] = ['stale_version', 'invalid_transition', 'appeal_closed'];
