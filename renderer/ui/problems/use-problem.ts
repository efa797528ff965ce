import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo } from 'react';
import { controlList, type ControlRow } from '../../../shared/problem-control';
import { workCalendar } from '../../clerk/calendar';
import { useNow } from '../hooks/use-now';
import type { Appeal } from '../../../shared/domain';
import { getDb } from '../../db';
import { foldProblems, loadProblems, type ProblemView } from '../../problems/problem-view';
import { useCurrent } from '../hooks/use-current';

/** One problem as shown (the server's row with this workstation's pending changes); null when unknown. */
export function useProblem(problemId: string | undefined): ProblemView | null | undefined {
  const { user } = useCurrent();
  return useLiveQuery(async () => {
    if (!problemId) return null;
    const db = getDb();
    const [row, entries] = await Promise.all([db.problems.get(problemId), db.outbox.where('state').equals('pending').toArray()]);
    return foldProblems(row ? [row] : [], entries, user).get(problemId) ?? null;
  }, [problemId, user.id]);
}

/** Every problem of the replica as shown. */
export function useProblems(): Map<string, ProblemView> | undefined {
  const { user } = useCurrent();
  return useLiveQuery(() => loadProblems(getDb(), user), [user.id]);
}

/** The appeals linked into a problem, oldest first (with this workstation's pending links). */
export function useProblemAppeals(problemId: string | undefined): Appeal[] | undefined {
  return useLiveQuery(async () => {
    if (!problemId) return [];
    const rows = await getDb().appeals.where('problemId').equals(problemId).toArray();
    return rows.sort((a, b) => a.receivedAt.localeCompare(b.receivedAt) || (a.id < b.id ? -1 : 1));
  }, [problemId]);
}

/** The promises under «Контроль исполнения» now (shared/problem-control.ts), by the region's calendar; null while reading. */
export function useControlRows(): ControlRow[] | null {
  const problems = useProblems();
  const now = useNow();
  return useMemo(() => (problems ? controlList(problems.values(), now, { calendar: workCalendar() }) : null), [problems, now]);
}
