import { useTranslation } from 'react-i18next';
import { SHORTCUT_GROUPS } from './shortcut-list';
import { useModalDialog } from '../hooks/use-modal-dialog';

/** The list of every shortcut, in a modal dialog; focus returns where it was when it closes. */
export function ShortcutHelp({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const ref = useModalDialog();
  return (
    <dialog ref={ref} className="shortcut-help" aria-labelledby="shortcut-help-heading" onCancel={(e) => (e.preventDefault(), onClose())}>
      <h2 id="shortcut-help-heading">{t('shortcuts.heading')}</h2>
      {SHORTCUT_GROUPS.map((group) => (
        <section key={group.id} aria-labelledby={`shortcuts-${group.id}`}>
          <h3 id={`shortcuts-${group.id}`}>{t(`shortcuts.groups.${group.id}`)}</h3>
          <dl className="shortcut-list">
            {group.items.map((item) => {
              const [keys, what] = t(`shortcuts.items.${item}`, { returnObjects: true }) as unknown as [string, string];
              return (
                <div key={item}>
                  <dt>
                    <kbd>{keys}</kbd>
                  </dt>
                  <dd>{what}</dd>
                </div>
              );
            })}
          </dl>
        </section>
      ))}
      <button type="button" autoFocus onClick={onClose}>
        {t('shortcuts.close')}
      </button>
    </dialog>
  );
}
