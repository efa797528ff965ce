/**
 * Writes BENCHMARKS.md from the output of `npm run bench` (the `bench:` lines), with each figure
 * beside the target the issues set and whether this run met it, and the machine it ran on:
 *
 *   npm run bench 2>&1 | tee bench.log && npx tsx bench/markdown.ts bench.log
 *
 * Logs of benchmarks re-run alone may follow; each replaces its benchmark's section.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';

interface Target {
  below?: number;
  atLeast?: number;
  unit: string;
}

/** The targets of the issues (3, 4, 5, 9, 14); a figure without one is context for the others. */
const TARGETS: Record<string, Target> = {
  'bootstrap.rate': { atLeast: 10_000, unit: 'appeals/s' },
  'bootstrap.ratio': { atLeast: 0.5, unit: '' },
  'reconnect.drain_ms': { below: 10_000, unit: 'ms' },
  'live.same_process_p95_ms': { below: 1000, unit: 'ms' },
  'live.cross_process_p95_ms': { below: 1000, unit: 'ms' },
  'interaction.open_p95_ms': { below: 50, unit: 'ms' },
  'interaction.view_p95_ms': { below: 100, unit: 'ms' },
  'interaction.filter_p95_ms': { below: 100, unit: 'ms' },
  'interaction.search_p95_ms': { below: 150, unit: 'ms' },
  'interaction.scroll_dropped_frames': { below: 1, unit: 'frames' },
  'dashboard.render_p95_ms': { below: 1000, unit: 'ms' },
  'desktop.heap_mb': { below: 400, unit: 'MB' },
  'desktop.heap_growth_mb': { below: 20, unit: 'MB' },
  'intake.events_per_s': { atLeast: 300, unit: 'events/s' },
  'intake.ack_p99_ms': { below: 100, unit: 'ms' },
  'delivery.p95_ms': { below: 1000, unit: 'ms' },
};

function verdict(name: string, value: number): string {
  const t = TARGETS[name];
  if (!t) return '';
  const met = t.below !== undefined ? value < t.below : value >= (t.atLeast ?? 0);
  const bound = t.below !== undefined ? `< ${t.below.toLocaleString('en')}` : `≥ ${(t.atLeast ?? 0).toLocaleString('en')}`;
  return `${bound}${t.unit ? ` ${t.unit}` : ''}: ${met ? 'met' : '**not met**'}`;
}

function version(command: string, args: string[]): string {
  try {
    return execFileSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim().split('\n')[0] ?? '';
  } catch {
    return 'not found';
  }
}

const logFiles = process.argv.slice(2);
if (logFiles.length === 0) {
  console.error('usage: npx tsx bench/markdown.ts BENCH_LOG [LATER_LOG ...]');
  process.exit(2);
}
// A later log's benchmark replaces the same benchmark of an earlier one, whole (its comparisons
// stay within one run).
const groups = new Map<string, string[]>();
for (const logFile of logFiles) {
  const fresh = new Map<string, string[]>();
  for (const line of readFileSync(logFile, 'utf8').split('\n')) {
    const m = /^bench: (\S+) (\S+)(?: (.*))?$/.exec(line);
    if (!m) continue;
    const [, name, value, unit] = m as unknown as [string, string, string, string | undefined];
    const group = name.split('.')[0]!;
    const rows = fresh.get(group) ?? [];
    rows.push(`| \`${name}\` | ${value}${unit ? ` ${unit}` : ''} | ${verdict(name, Number(value))} |`);
    fresh.set(group, rows);
  }
  for (const [group, rows] of fresh) groups.set(group, rows);
}
if (groups.size === 0) throw new Error(`no "bench:" lines in ${logFiles.join(', ')}`);

const machine = [
  `- CPU: ${cpus().length} × ${cpus()[0]?.model ?? 'unknown'}; memory ${Math.round(totalmem() / 2 ** 30)} GiB`,
  `- Node ${process.version}; ${version('/usr/bin/chromium', ['--version'])}; ${version('psql', ['--version'])}`,
  `- written at commit ${version('git', ['rev-parse', '--short', 'HEAD'])}, ${new Date().toISOString().slice(0, 10)}`,
];
const sections = [...groups].map(([group, rows]) => `## ${group}\n\n| figure | value | target |\n| --- | --- | --- |\n${rows.join('\n')}\n`);
const text = `# Benchmarks

Figures of \`npm run bench\` (every benchmark, one after another, on an otherwise idle machine),
written by \`npx tsx bench/markdown.ts bench.log\`; a benchmark re-run alone after a change
(\`npm run bench -- NAME\`) replaces its own section whole, so each comparison is from one run. Each benchmark's own file in
\`bench/\` says what it measures. Targets are those of the issues; a figure without one is there to
explain the others.

${machine.join('\n')}

${sections.join('\n')}`;
writeFileSync(join(import.meta.dirname, '..', 'BENCHMARKS.md'), text);
console.log(`wrote BENCHMARKS.md (${groups.size} benchmarks)`);
