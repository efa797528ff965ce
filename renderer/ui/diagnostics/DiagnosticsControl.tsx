import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DiagnosticsView } from './DiagnosticsView';

/** Ctrl+Shift+D by the key's place, so it works with the Russian layout too. */
export function isDiagnosticsShortcut(e: Pick<KeyboardEvent, 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey' | 'code'>): boolean {
  return (e.ctrlKey || e.metaKey) && e.shiftKey && !e.altKey && e.code === 'KeyD';
}

/** The header's «Диагностика» button, the keyboard shortcut, and the view they open. */
export function DiagnosticsControl() {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!isDiagnosticsShortcut(e)) return;
      e.preventDefault();
      setOpen((v) => !v);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const close = () => {
    setOpen(false);
    button.current?.focus();
  };

  return (
    <>
      <button
        ref={button}
        type="button"
        aria-expanded={open}
        aria-controls="diagnostics-panel"
        aria-keyshortcuts="Control+Shift+D"
        title={t('diagnostics.shortcut')}
        onClick={() => setOpen((v) => !v)}
      >
        {t('diagnostics.open')}
      </button>
      {open && <DiagnosticsView onClose={close} />}
    </>
  );
}
