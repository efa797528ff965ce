import { DEFAULT_CALENDAR, type ProductionCalendar } from '../../shared/calendar';
import { API_PREFIX } from '../../shared/protocol';
import { regionalCalendar, regionalDaysSchema, type RegionalDays } from '../../shared/regional-calendar';
import { getMeta, setMeta } from '../db/meta';
import type { SyncClient } from '../sync';

const KEY = 'regionalCalendar';

let current: ProductionCalendar = DEFAULT_CALENDAR;

/**
 * The calendar the workstation counts working time by (deadline colours, the «2 рабочих часа»
 * notice, escalations): the federal one with the region's own days, as the server counts
 * deadlines. Kept in meta for days offline.
 */
export function workCalendar(): ProductionCalendar {
  return current;
}

export function setRegionalDays(days: RegionalDays): void {
  current = regionalCalendar(days);
}

/** The kept days at once, then the server's when it answers (offline: the kept ones stand). */
export async function refreshWorkCalendar(client: SyncClient): Promise<void> {
  const kept = regionalDaysSchema.safeParse(await getMeta<unknown>(client.db, KEY).catch(() => undefined));
  if (kept.success) setRegionalDays(kept.data);
  try {
    const body = await client.auth.call(async (token) => {
      const res = await fetch(`${client.api.serverUrl}${API_PREFIX}/policy/calendar`, { headers: { authorization: `Bearer ${token}` } });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      return (await res.json()) as unknown;
    });
    const fresh = regionalDaysSchema.safeParse(body);
    if (!fresh.success) return;
    setRegionalDays(fresh.data);
    await setMeta(client.db, KEY, fresh.data);
  } catch {
    // offline or an older server: what was kept stands
  }
}
