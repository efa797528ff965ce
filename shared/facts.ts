import { isOpen, type Appeal, type AppealStatus, type Category, type Priority, type Source } from './domain';
import { topicMask } from './topics';

/**
 * What supervisors' figures need of an appeal, in numbers: worklists, escalations, analytics and
 * the digest are all computed from these, so they agree with each other and with the replica.
 * Instants are epoch milliseconds; `topics` is a mask over shared/topics.ts TOPICS.
 */
export interface AppealFacts {
  id: string;
  receivedAt: number;
  dueAt: number;
  firstRespondedAt: number | null;
  category: Category;
  source: Source;
  municipalityId: string;
  assigneeId: string | null;
  status: AppealStatus;
  priority: Priority;
  topics: number;
  /** The author's rating of the answer (1–5) and their verdict on whether it was solved, if given. */
  score: number | null;
  solved: boolean | null;
}

export type FactsSource = Pick<
  Appeal,
  'id' | 'receivedAt' | 'dueAt' | 'firstRespondedAt' | 'category' | 'source' | 'municipalityId' | 'assigneeId' | 'status' | 'priority' | 'text' | 'citizenRating'
>;

/** `topics` may be given when already known (the text of an appeal never changes). */
export function factsOf(a: FactsSource, topics?: number): AppealFacts {
  return {
    id: a.id,
    receivedAt: Date.parse(a.receivedAt),
    dueAt: Date.parse(a.dueAt),
    firstRespondedAt: a.firstRespondedAt === null ? null : Date.parse(a.firstRespondedAt),
    category: a.category,
    source: a.source,
    municipalityId: a.municipalityId,
    assigneeId: a.assigneeId,
    status: a.status,
    priority: a.priority,
    topics: topics ?? topicMask(a.text),
    score: a.citizenRating?.score ?? null,
    solved: a.citizenRating?.solved ?? null,
  };
}

/** Open (still needs work) and past its answer deadline. */
export function isOverdue(f: Pick<AppealFacts, 'status' | 'dueAt'>, now: number): boolean {
  return isOpen(f.status) && f.dueAt < now;
}
