/** The demo region, as plain records for the server's seeding code to insert. */
export { generateDemoData } from './generate';
export { DEMO_PASSWORD } from './people';
export type { DemoData, DemoOptions, DemoUser } from './types';
