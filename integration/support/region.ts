import type { Appeal, AppealEvent } from '../../shared/domain';
import type { DemoData } from '../../server/seed/types';
import { tinyDemoData } from '../../server/test-support/fixture';

/**
 * The tiny test region with a few more appeals in Maykop, so that the clerks and supervisors of
 * the convergence test keep running into each other's changes.
 */
export function convergenceRegion(): DemoData {
  const data = tinyDemoData();
  const base = data.appeals[0]!;
  const extra: Array<[string, string, string | null, Appeal['status'], number]> = [
    ['a-m4', 'maykop', 'u-clerk-m2', 'assigned', 1],
    ['a-m5', 'maykop', 'u-clerk-m2', 'in_progress', 2],
    ['a-m6', 'maykop', 'u-operator', 'answered', 3],
    ['a-t2', 'takhtamukaysky', 'u-operator2', 'in_progress', 2],
    ['a-g1', 'giaginsky', 'u-clerk-g', 'assigned', 1],
  ];
  const events: AppealEvent[] = [];
  for (const [id, municipalityId, assigneeId, status, version] of extra) {
    const appeal: Appeal = { ...base, id, externalRef: `https://vk.com/wall-1_${id}`, municipalityId, assigneeId, status, version };
    data.appeals.push(appeal);
    if (assigneeId) {
      events.push({ id: `ev-${id}-assigned`, appealId: id, actorId: null, actorName: null, kind: 'assigned', data: { assigneeId }, version: 1, at: base.receivedAt });
    }
  }
  data.events.push(...events);
  return data;
}
