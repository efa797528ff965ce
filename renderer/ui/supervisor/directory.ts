import { useLiveQuery } from 'dexie-react-hooks';
import type { Municipality, User } from '../../../shared/domain';
import { getDb } from '../../db';

export interface Directory {
  users: ReadonlyMap<string, User>;
  municipalities: ReadonlyMap<string, Municipality>;
  /** Municipalities in the region's order (as the server lists them), then by name. */
  municipalityList: readonly Municipality[];
}

const EMPTY: Directory = { users: new Map(), municipalities: new Map(), municipalityList: [] };

/** People and municipalities of the replica, to show names instead of ids. */
export function useDirectory(): Directory {
  return (
    useLiveQuery(async () => {
      const db = getDb();
      const [users, municipalities] = await Promise.all([db.users.toArray(), db.municipalities.toArray()]);
      return {
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

export function municipalityName(dir: Directory, id: string): string {
  return dir.municipalities.get(id)?.name ?? id;
}
