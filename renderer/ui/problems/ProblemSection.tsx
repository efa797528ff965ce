import { useTranslation } from 'react-i18next';
import type { Appeal } from '../../../shared/domain';
import { canManageProblems } from '../../../shared/problems';
import { useCurrent } from '../hooks/use-current';
import { ProblemCard } from './ProblemCard';
import { ProblemLinkPanel } from './ProblemLinkPanel';
import { useProblem } from './use-problem';

/**
 * The appeal's problem: its card when the appeal is linked into one, otherwise the way to link it
 * (similar appeals, a new problem, or an existing one).
 */
export function ProblemSection({ appeal, onOpen }: { appeal: Appeal; onOpen: (id: string) => void }) {
  const { t } = useTranslation();
  const { user } = useCurrent();
  const problem = useProblem(appeal.problemId);
  return (
    <section className="thread problem-section" aria-labelledby="problem-heading">
      <h3 id="problem-heading">{t('problems.heading')}</h3>
      {appeal.problemId ? (
        problem ? (
          <ProblemCard problem={problem} appeal={appeal} onOpen={onOpen} />
        ) : problem === null ? (
          <p className="hint">{t('app.loading')}</p>
        ) : null
      ) : (
        <>
          <p className="hint">{t('problems.none')}</p>
          {canManageProblems(user) && appeal.status !== 'closed' && <ProblemLinkPanel key={appeal.id} appeal={appeal} onOpen={onOpen} />}
        </>
      )}
    </section>
  );
}
