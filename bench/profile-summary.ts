/**
 * Reads a `node --cpu-prof` (or DevTools) profile and prints where the time went: the functions
 * with the most self time, or, given a function name, the call stacks that spent it.
 * `npx tsx bench/profile-summary.ts FILE.cpuprofile [FUNCTION]`. A tool for chasing a slow
 * figure; not part of `npm run bench`.
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const [file, target] = process.argv.slice(2);
if (!file) {
  console.error('usage: tsx bench/profile-summary.ts FILE.cpuprofile [FUNCTION]');
  process.exit(2);
}
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const label = (n: ProfileNode) => `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.replace(/.*node_modules\//, '')}:${n.callFrame.lineNumber}`;

const totals = new Map<string, number>();
profile.samples.forEach((id, i) => {
  const node = byId.get(id);
  if (!node) return;
  let key = label(node);
  if (target !== undefined) {
    if (node.callFrame.functionName !== target) return;
    const chain: string[] = [];
    for (let at: number | undefined = id, depth = 0; at !== undefined && depth < 8; at = parent.get(at), depth++) {
      const n = byId.get(at);
      if (n) chain.push(label(n));
    }
    key = chain.join('\n    < ');
  }
  totals.set(key, (totals.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
});
const lines = [...totals].sort((a, b) => b[1] - a[1]).slice(0, target ? 8 : 30);
process.stdout.write(lines.map(([key, ms]) => `${Math.round(ms)} ms  ${key}\n`).join(""));
