import type { FastifyInstance } from 'fastify';
import { ADMIN_PREFIX } from '../../../shared/admin';
import { API_PREFIX } from '../../../shared/protocol';
import type { ServerContext } from '../../context';
import { registerApprovalPolicyRoutes } from './approval-policy';
import { registerDeadlineRuleRoutes } from './deadline-rules';
import { registerAdminAuditRoutes } from './audit';
import { registerAdminBodyRoutes } from './bodies';
import { registerAdminChannelRoutes } from './channels';
import { requireAdmin } from './guard';
import { registerIntegrationTokenRoutes } from './integration-tokens';
import { registerRoutingRuleRoutes } from './routing-rules';
import { registerAdminSessionRoutes } from './sessions';
import { registerAdminUserRoutes } from './users';

/**
 * The administrator's console API, /api/v1/admin/*. Each screen's routes live in a file of their
 * own and are registered here, inside the scope whose hook lets only administrators through.
 */
export async function registerAdminRoutes(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  await app.register(
    async (scoped) => {
      requireAdmin(scoped, ctx);
      registerAdminUserRoutes(scoped, ctx);
      registerAdminBodyRoutes(scoped, ctx);
      registerApprovalPolicyRoutes(scoped, ctx);
      registerDeadlineRuleRoutes(scoped, ctx);
      registerAdminAuditRoutes(scoped, ctx);
      registerRoutingRuleRoutes(scoped, ctx);
      registerAdminChannelRoutes(scoped, ctx);
      registerAdminSessionRoutes(scoped, ctx);
      registerIntegrationTokenRoutes(scoped, ctx);
    },
    { prefix: `${API_PREFIX}${ADMIN_PREFIX}` },
  );
}
