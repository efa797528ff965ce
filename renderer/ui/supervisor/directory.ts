import { useLiveQuery } from 'dexie-react-hooks';
import type { Body } from '../../../shared/bodies';
import type { Municipality, User } from '../../../shared/domain';
import { getDb } from '../../db';

export interface Directory {
  users: ReadonlyMap<string, User>;
  municipalities: ReadonlyMap<string, Municipality>;
  /** Municipalities in the region's order (as the server lists them), then by name. */
  municipalityList: readonly Municipality[];
  /** The region's bodies (ministries, municipalities, settlements), in the region's order. */
  bodies: ReadonlyMap<string, Body>;
}

const EMPTY: Directory = { users: new Map(), municipalities: new Map(), municipalityList: [], bodies: new Map() };

/** People, municipalities and bodies of the replica, to show names instead of ids. */
export function useDirectory(): Directory {
  return (
    useLiveQuery(async () => {
      const db = getDb();
      const [users, municipalities, bodies] = await Promise.all([db.users.toArray(), db.municipalities.toArray(), db.bodies.toArray()]);
      return {
        bodies: new Map(bodies.map((b) => [b.id, b])),
        users: new Map(users.map((u) => [u.id, u])),
        municipalities: new Map(municipalities.map((m) => [m.id, m])),
        municipalityList: municipalities,
      };
    }, []) ?? EMPTY
  );
}

export function userName(dir: Directory, id: string | null, nobody: string): string {
  if (id === null) return nobody;
  return dir.users.get(id)?.displayName ?? id;
}

/** An appeal's or a person's body by name: a municipality, or any other body (a ministry, a settlement). */
export function municipalityName(dir: Directory, id: string): string {
  return dir.municipalities.get(id)?.name ?? dir.bodies.get(id)?.name ?? id;
}
