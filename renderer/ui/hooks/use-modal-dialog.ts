import { useEffect, useRef } from 'react';

/**
 * A <dialog> shown modal while the component is mounted; on unmount it closes and the focus goes
 * back where it was, so a keyboard user never loses their place.
 */
export function useModalDialog() {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    const before = document.activeElement as HTMLElement | null;
    dialog?.showModal();
    return () => {
      dialog?.close();
      before?.focus();
    };
  }, []);
  return ref;
}
