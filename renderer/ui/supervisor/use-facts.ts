import { useEffect, useState } from 'react';
import { factsStore, type FactsView } from '../../analytics';
import { getDb } from '../../db';
import { useCurrent } from '../hooks/use-current';

/** The facts of every appeal of the scope, kept current; undefined while first read. */
export function useFacts(): FactsView | undefined {
  const { user } = useCurrent();
  const [view, setView] = useState<FactsView>();
  useEffect(() => {
    const store = factsStore(getDb(), user.id);
    let live = true;
    const unsubscribe = store.subscribe((v) => live && setView(v));
    store.get().then(
      (v) => live && setView(v),
      () => undefined,
    );
    return () => {
      live = false;
      unsubscribe();
    };
  }, [user.id]);
  return view;
}
