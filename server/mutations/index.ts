import type { Mutation } from '../../shared/protocol';
import { assignAppeal } from './assign';
import { addNote } from './note-add';
import { submitReply } from './reply-submit';
import { setStatus } from './set-status';
import type { MutationContext, Outcome } from './types';

export function applyMutation(ctx: MutationContext, m: Mutation): Promise<Outcome> {
  switch (m.name) {
    case 'reply.submit':
      return submitReply(ctx, m.args);
    case 'appeal.setStatus':
      return setStatus(ctx, m.args);
    case 'appeal.assign':
      return assignAppeal(ctx, m.args);
    case 'note.add':
      return addNote(ctx, m.args);
  }
}
