// Figures every benchmark prints the same way: percentiles over measured samples, rates, a table.

/** The p-th percentile (0–100) of samples by nearest rank; samples need not be sorted. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) {
    return Number.NaN;
  }
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] ?? Number.NaN;
}

/** Nanoseconds elapsed since `start` (from process.hrtime.bigint()). */
export function elapsedNs(start: bigint): number {
  return Number(process.hrtime.bigint() - start);
}

export function formatNumber(value: number, digits = 0): string {
  return value.toLocaleString('en-US', {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
}

/** Prints a titled two-column table: what was measured, and the figure. */
export function report(title: string, rows: readonly (readonly [string, string])[]): void {
  const width = Math.max(...rows.map(([name]) => name.length));
  console.log(`\n## ${title}`);
  for (const [name, value] of rows) {
    console.log(`  ${name.padEnd(width)}  ${value}`);
  }
}

/** A target line: the figure, the target and whether it is met. */
export function verdict(what: string, met: boolean, figure: string, target: string): string {
  return `${met ? 'MET' : 'NOT MET'}: ${what} ${figure} (target ${target})`;
}
