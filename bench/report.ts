/** One figure per line, in the format other tools read: `bench: NAME.FIGURE VALUE UNIT`. */
export function figure(name: string, value: number, unit = ''): void {
  const rounded = Number.isInteger(value) ? String(value) : value.toFixed(value < 10 ? 3 : 1);
  console.log(`bench: ${name} ${rounded}${unit ? ` ${unit}` : ''}`);
}

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
}
