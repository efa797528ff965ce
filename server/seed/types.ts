import type { Body } from '../../shared/bodies';
import type { RoutingRuleInput } from '../../shared/routing-rules';
import type { Appeal, AppealEvent, Municipality, Note, Reply, Role, Template } from '../../shared/domain';

/** A demo user before its password is hashed. Every demo user's password is `demo`. */
export interface DemoUser {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  municipalityId: string | null;
}

/** Everything the demo region starts with: plain records, inserted by the server's seeding code. */
export interface DemoData {
  municipalities: Municipality[];
  /** The body tree; without it, the one migration 040 derives from the municipalities. */
  bodies?: Body[];
  /** The administrator's routing rules to start with (none: routing by source and settlement). */
  routingRules?: Array<RoutingRuleInput & { id: string }>;
  users: DemoUser[];
  appeals: Appeal[];
  replies: Reply[];
  notes: Note[];
  events: AppealEvent[];
  templates: Template[];
}

export interface DemoOptions {
  /** The moment "now" for the demo: appeals spread over the year before it. */
  now: Date;
  /** How many appeals; the demo uses about 3,000, benchmarks 100,000. */
  appealCount: number;
  /** Seed of the pseudo-random generator, so the same options give the same data. */
  seed: number;
}
