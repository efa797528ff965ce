/**
 * `npm run bench [-- NAME ...]`: runs the named benchmarks (all when none is named). Each figure
 * is printed on a line of its own as `bench: NAME.FIGURE VALUE UNIT`, for other tools to read.
 */
import { benchmarks } from './registry';

const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const unknown = wanted.filter((name) => !(name in benchmarks));
if (unknown.length > 0) {
  console.error(`unknown benchmark(s): ${unknown.join(', ')}; known: ${Object.keys(benchmarks).join(', ')}`);
  process.exit(2);
}
const names = wanted.length > 0 ? wanted : Object.keys(benchmarks);
let failed = false;
for (const name of names) {
  console.log(`# ${name}`);
  try {
    await benchmarks[name]!();
  } catch (error) {
    failed = true;
    console.error(`benchmark ${name} failed:`, error);
  }
}
process.exit(failed ? 1 : 0);
