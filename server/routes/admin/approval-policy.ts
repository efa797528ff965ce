import type { FastifyInstance } from 'fastify';
import { approvalPolicySchema, type ApprovalPolicy } from '../../../shared/approval';
import { loadApprovalPolicy, saveApprovalPolicy } from '../../approval-policy';
import { audit } from '../../audit/log';
import type { ServerContext } from '../../context';
import { parseOr400 } from '../../errors';
import { adminOf } from './guard';

/**
 * The approval policy (which replies wait for a supervisor), stored in the database in place of
 * OTKLIK_APPROVAL: read and replaced whole, each change audited with before and after. Pushes read
 * it per request, and workstations fetch it from /api/v1/policy/approval.
 */
export function registerApprovalPolicyRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.get('/approval-policy', async (): Promise<ApprovalPolicy> => loadApprovalPolicy(ctx.db));

  app.put('/approval-policy', async (request): Promise<ApprovalPolicy> => {
    const admin = adminOf(request);
    const policy = parseOr400(approvalPolicySchema, request.body);
    await ctx.db.tx(async (q) => {
      const before = await loadApprovalPolicy(q);
      await saveApprovalPolicy(q, policy);
      await audit(q, { kind: 'admin.change', actor: admin, subject: 'approval-policy', address: request.ip, data: { action: 'approvalPolicy.update', before, after: policy } });
    });
    return policy;
  });
}
