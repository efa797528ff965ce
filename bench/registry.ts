import { bootstrapBench } from './bootstrap';

/** Every benchmark `npm run bench` knows, by the name `npm run bench -- NAME` takes. */
export const benchmarks: Record<string, () => Promise<void>> = {
  bootstrap: bootstrapBench,
};
