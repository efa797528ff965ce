import type { Municipality } from '../shared/domain';
import { routeAppeal, type RoutingDecision, type RoutingInput } from '../shared/routing-rules';
import { loadBodies } from './body-directory';
import type { Queryable } from './db/types';
import { ApiError } from './errors';
import { listRoutingRules } from './repo/routing-rules';

/**
 * The competent body for an appeal at intake (and for the administrator's «проверить»): the
 * region's rules over its current bodies and municipalities. An unknown channel body is the
 * caller's mistake (400), as an unknown municipalityId was before bodies.
 */
export async function decideRoute(q: Queryable, input: RoutingInput, defaultBodyId: string): Promise<RoutingDecision> {
  const [bodies, municipalities, rules] = await Promise.all([
    loadBodies(q),
    q.query<{ data: Municipality }>('SELECT municipality_json(m) AS data FROM municipalities m ORDER BY sort, id').then((r) => r.rows.map((x) => x.data)),
    listRoutingRules(q),
  ]);
  if (input.channelBodyId !== undefined && !bodies.some((b) => b.id === input.channelBodyId)) {
    throw new ApiError(400, 'validation_failed', `Unknown municipalityId "${input.channelBodyId}"`);
  }
  if (bodies.length === 0 && municipalities.length === 0) throw new Error('no bodies configured');
  const fallback = bodies.some((b) => b.id === defaultBodyId) ? defaultBodyId : (municipalities[0]?.id ?? bodies[0]!.id);
  return routeAppeal(input, rules, { bodies, municipalities, defaultBodyId: fallback });
}
