import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { factsStore } from '../../analytics';
import { getBridge } from '../../bridge';
import { getDb } from '../../db';
import { ResonanceWatcher } from '../../notifications/resonance-watcher';
import { PromiseWatcher } from '../../notifications/promise-watcher';
import { workCalendar } from '../../clerk/calendar';
import { liveQuery } from 'dexie';
import { useCurrent } from '../hooks/use-current';
import { resonanceSettingsStore } from './resonance-settings';

/** Background work of a supervisor's workstation: the resonance watch and overdue promises. Renders nothing. */
export function SupervisorServices() {
  const { user, client } = useCurrent();
  const { t } = useTranslation();
  useEffect(() => {
    const watcher = new ResonanceWatcher({
      db: getDb(),
      facts: factsStore(getDb(), user.id),
      userId: user.id,
      bridge: getBridge(),
      t,
      settings: () => resonanceSettingsStore.getState().settings,
      bootstrapping: () => client.status.get().bootstrapping || client.status.get().lastSyncAt === null,
    });
    watcher.start();
    // New thresholds are judged at once, not at the next pull.
    const unsubscribe = resonanceSettingsStore.subscribe(() => watcher.recheck());
    const promises = new PromiseWatcher({ db: getDb(), userId: user.id, bridge: getBridge(), t, calendar: workCalendar });
    promises.start();
    // A pulled promise or state change is judged at once.
    const problems = liveQuery(() => getDb().problems.toArray()).subscribe({ next: () => void promises.check() });
    return () => {
      unsubscribe();
      watcher.stop();
      problems.unsubscribe();
      promises.stop();
    };
  }, [client, user.id, t]);
  return null;
}
