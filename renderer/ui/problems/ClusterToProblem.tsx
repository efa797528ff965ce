import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../i18n';
import { linkIntoNewProblem } from '../../problems/actions';
import { appealsByIds } from '../../db/row-packs';
import { useCurrent } from '../hooks/use-current';

/**
 * A resonance cluster (or any list of appeals about one thing) made into one problem: the appeals
 * not yet in a problem are linked into a new one, named after the first of them.
 */
export function ClusterToProblem({ appealIds }: { appealIds: readonly string[] }) {
  const { t } = useTranslation();
  const { client } = useCurrent();
  const [message, setMessage] = useState('');
  const make = async () => {
    try {
      // Appeals already in a problem stay in theirs.
      const free = (await appealsByIds(client.db, [...appealIds])).filter((a) => a && !a.problemId).map((a) => a!.id);
      const linked = await linkIntoNewProblem(client, free);
      setMessage(linked > 0 ? t('problems.created', { count: linked }) : t('problems.clusterNone'));
    } catch (error) {
      setMessage(errorMessage((error as { code?: string }).code ?? 'unknown'));
    }
  };
  return (
    <div className="button-row">
      <button type="button" onClick={() => void make()}>
        {t('problems.bulk')}
      </button>
      <span className="hint" role="status">
        {message}
      </span>
    </div>
  );
}
