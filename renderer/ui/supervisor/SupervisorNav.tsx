import { useEffect, useRef, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { factsStore } from '../../analytics';
import { getDb } from '../../db';
import { useCurrent } from '../hooks/use-current';
import { sectionsFor, useSupervisor, type Section } from './sections';
import { hasRegionScope } from '../../../shared/permissions';

export const SUPERVISOR_PANEL_ID = 'supervisor-panel';

/**
 * The supervisor's sections as tabs. Shown only to supervisors and admins: a clerk's workstation
 * has the queue alone. The figures of the other sections are prepared in the background from the
 * session's start, so they open at once.
 */
export function SupervisorNav() {
  const { t } = useTranslation();
  const { user } = useCurrent();
  const section = useSupervisor((s) => s.section);
  const setSection = useSupervisor((s) => s.setSection);
  const refs = useRef(new Map<Section, HTMLButtonElement>());
  const SECTIONS = sectionsFor(user.role, hasRegionScope(user));

  useEffect(() => {
    // At once, before the first pull of the session lands: the last session's snapshot is valid
    // only for the replica as it was left, and every write after this is followed appeal by appeal.
    void factsStore(getDb(), user.id).get().catch(() => undefined);
  }, [user.id]);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const at = SECTIONS.indexOf(section);
    const next =
      event.key === 'ArrowRight' ? SECTIONS[(at + 1) % SECTIONS.length] : event.key === 'ArrowLeft' ? SECTIONS[(at + SECTIONS.length - 1) % SECTIONS.length] : event.key === 'Home' ? SECTIONS[0] : event.key === 'End' ? SECTIONS[SECTIONS.length - 1] : undefined;
    if (!next) return;
    event.preventDefault();
    setSection(next);
    refs.current.get(next)?.focus();
  };

  return (
    <div className="sv-tabs" role="tablist" aria-label={t('supervisor.nav')} onKeyDown={onKeyDown}>
      {SECTIONS.map((s) => (
        <button
          key={s}
          ref={(el) => void (el ? refs.current.set(s, el) : refs.current.delete(s))}
          type="button"
          role="tab"
          id={`sv-tab-${s}`}
          aria-selected={s === section}
          aria-controls={s === 'queue' ? undefined : SUPERVISOR_PANEL_ID}
          tabIndex={s === section ? 0 : -1}
          className={s === section ? 'sv-tab is-active' : 'sv-tab'}
          onClick={() => setSection(s)}
        >
          {t(`supervisor.sections.${s}`)}
        </button>
      ))}
    </div>
  );
}
