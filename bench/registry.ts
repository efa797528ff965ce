import { bootstrapBench } from './bootstrap';
import { dashboardBench } from './dashboard';
import { deliveryBench } from './delivery';
import { desktopBench } from './desktop';
import { intakeBench } from './intake';
import { interactionBench } from './interaction';
import { liveBench } from './live';
import { loadBench, loadMultiBench } from './load';
import { reconnectBench } from './reconnect';

/** Every benchmark `npm run bench` knows, by the name `npm run bench -- NAME` takes. */
export const benchmarks: Record<string, () => Promise<void>> = {
  bootstrap: bootstrapBench,
  dashboard: dashboardBench,
  desktop: desktopBench,
  interaction: interactionBench,
  reconnect: reconnectBench,
  live: liveBench,
  load: loadBench,
  'load.multi': loadMultiBench,
  delivery: deliveryBench,
  intake: intakeBench,
};
