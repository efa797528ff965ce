import { liveQuery } from 'dexie';
import { dequal } from 'dequal';
import { useLayoutEffect, useState, type DependencyList } from 'react';

/**
 * A live query of the replica, as dexie-react-hooks' useLiveQuery, except that the first result is
 * read at once, while React commits (a layout effect: the same task as the click or key that
 * asked for it). Dexie may start a live query's first run a task later — after the next frame —
 * so opening an appeal would wait for the row's highlight to be painted before reading anything.
 * The live query then keeps the result current; its first run, equal to what was read, costs no
 * render. Until the first result of new deps arrives, the previous result stays (the caller
 * tells them apart, as with useLiveQuery).
 */
export function useLiveData<T>(querier: () => Promise<T> | T, deps: DependencyList): T | undefined {
  const [state, setState] = useState<{ value: T | undefined; error: unknown }>({ value: undefined, error: null });
  useLayoutEffect(() => {
    let cancelled = false;
    let shown: { value: T } | null = null;
    const show = (value: T) => {
      if (cancelled || (shown && dequal(shown.value, value))) return;
      shown = { value };
      setState({ value, error: null });
    };
    const fail = (error: unknown) => !cancelled && setState((s) => ({ value: s.value, error }));
    let live = false;
    Promise.resolve()
      .then(querier)
      .then((value) => !live && show(value), fail);
    const subscription = liveQuery(querier).subscribe({
      next: (value) => {
        live = true;
        show(value);
      },
      error: fail,
    });
    return () => {
      cancelled = true;
      subscription.unsubscribe();
    };
    // The caller's deps say when the query changes, as with useLiveQuery.
  }, deps);
  if (state.error) throw state.error;
  return state.value;
}
