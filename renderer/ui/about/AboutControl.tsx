import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { getBridge } from '../../bridge';
import { AboutView } from './AboutView';

/** The header's «О программе» button; the application menu's item opens the same view. */
export function AboutControl() {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);

  useEffect(() => getBridge().onShowAbout(() => setOpen(true)), []);

  const close = () => {
    setOpen(false);
    button.current?.focus();
  };

  return (
    <>
      <button ref={button} type="button" aria-expanded={open} aria-controls="about-panel" onClick={() => setOpen((v) => !v)}>
        {t('about.open')}
      </button>
      {open && <AboutView onClose={close} />}
    </>
  );
}
