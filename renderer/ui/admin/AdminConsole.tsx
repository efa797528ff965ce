import { Suspense, useRef, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ADMIN_SECTIONS, useAdminConsole } from './sections';
import './admin.css';

/**
 * «Администрирование»: a vertical menu of the console's screens (renderer/ui/admin/sections.ts)
 * and the open one beside it. Arrow keys, Home and End move through the menu, as in the
 * supervisor's tabs; Tab goes on into the screen.
 */
export function AdminConsole() {
  const { t } = useTranslation();
  const current = useAdminConsole((s) => s.section);
  const setSection = useAdminConsole((s) => s.setSection);
  const refs = useRef(new Map<string, HTMLButtonElement>());
  const open = ADMIN_SECTIONS.find((s) => s.id === current) ?? ADMIN_SECTIONS[0]!;

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const ids = ADMIN_SECTIONS.map((s) => s.id);
    const at = ids.indexOf(open.id);
    const n = ids.length;
    const next =
      event.key === 'ArrowDown' ? ids[(at + 1) % n] : event.key === 'ArrowUp' ? ids[(at + n - 1) % n] : event.key === 'Home' ? ids[0] : event.key === 'End' ? ids[n - 1] : undefined;
    if (!next) return;
    event.preventDefault();
    setSection(next);
    refs.current.get(next)?.focus();
  };

  return (
    <div className="adm">
      <div className="adm-menu" role="tablist" aria-orientation="vertical" aria-label={t('admin.nav')} onKeyDown={onKeyDown}>
        {ADMIN_SECTIONS.map((s) => (
          <button
            key={s.id}
            ref={(el) => void (el ? refs.current.set(s.id, el) : refs.current.delete(s.id))}
            type="button"
            role="tab"
            id={`adm-tab-${s.id}`}
            aria-selected={s.id === open.id}
            aria-controls="adm-panel"
            tabIndex={s.id === open.id ? 0 : -1}
            className={s.id === open.id ? 'adm-tab is-active' : 'adm-tab'}
            onClick={() => setSection(s.id)}
          >
            {t(s.label)}
          </button>
        ))}
      </div>
      <section id="adm-panel" className="adm-panel" role="tabpanel" aria-labelledby={`adm-tab-${open.id}`}>
        <Suspense fallback={<p aria-busy="true">{t('app.loading')}</p>}>
          <open.View />
        </Suspense>
      </section>
    </div>
  );
}
