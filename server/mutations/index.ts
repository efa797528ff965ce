import type { Mutation } from '../../shared/protocol';
import { assignAppeal } from './assign';
import { markDeliveryManual, retryDelivery } from './delivery';
import { addNote } from './note-add';
import { reassignMunicipality } from './reassign-municipality';
import { approveReply, returnReply } from './reply-review';
import { submitReply } from './reply-submit';
import { setStatus } from './set-status';
import { setCategory } from './set-category';
import { forwardAppeal, requestClarification } from './forward';
import { deleteTemplate, saveTemplate } from './templates';
import type { MutationContext, Outcome } from './types';
import { auditAppealOpened, auditExport } from './audit';
import { approvePost, draftPost, publishPost, returnPost, submitPost } from './posts';
import { createProblem, linkProblem, setProblemPromise, setProblemState, unlinkProblem } from './problems';

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
    case 'appeal.setCategory':
      return setCategory(ctx, m.args);
    case 'appeal.forward':
      return forwardAppeal(ctx, m.args);
    case 'appeal.requestClarification':
      return requestClarification(ctx, m.args);
    case 'template.save':
      return saveTemplate(ctx, m.args);
    case 'template.delete':
      return deleteTemplate(ctx, m.args);
    case 'appeal.reassignMunicipality':
      return reassignMunicipality(ctx, m.args);
    case 'reply.approve':
      return approveReply(ctx, m.args);
    case 'reply.return':
      return returnReply(ctx, m.args);
    case 'delivery.retry':
      return retryDelivery(ctx, m.args);
    case 'delivery.markManual':
      return markDeliveryManual(ctx, m.args);
    case 'audit.appealOpened':
      return auditAppealOpened(ctx, m.args);
    case 'audit.export':
      return auditExport(ctx, m.args);
    case 'problem.create':
      return createProblem(ctx, m.args);
    case 'problem.link':
      return linkProblem(ctx, m.args);
    case 'problem.unlink':
      return unlinkProblem(ctx, m.args);
    case 'problem.setState':
      return setProblemState(ctx, m.args);
    case 'problem.setPromise':
      return setProblemPromise(ctx, m.args);
    case 'post.draft':
      return draftPost(ctx, m.args);
    case 'post.submit':
      return submitPost(ctx, m.args);
    case 'post.approve':
      return approvePost(ctx, m.args);
    case 'post.return':
      return returnPost(ctx, m.args);
    case 'post.publish':
      return publishPost(ctx, m.args);
  }
}
