// Reading what Prometheus would: the text exposition format of /metrics, and the metric names a
// dashboard panel or an alert rule asks for.

export interface Sample {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
}

export interface Exposition {
  /** Metric name → type, from the # TYPE lines (declared, with or without samples). */
  readonly types: ReadonlyMap<string, string>;
  readonly samples: readonly Sample[];
}

const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(.*)\})?\s+(\S+)/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g;

export function parseExposition(text: string): Exposition {
  const types = new Map<string, string>();
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    if (line.startsWith('# TYPE ')) {
      const [, , name = '', type = ''] = line.split(' ');
      types.set(name, type);
      continue;
    }
    const match = SAMPLE.exec(line);
    if (line.startsWith('#') || match === null) {
      continue;
    }
    const labels: Record<string, string> = {};
    for (const [, key = '', value = ''] of (match[3] ?? '').matchAll(LABEL)) {
      labels[key] = value.replace(/\\"/g, '"').replace(/\\\\/g, '\\');
    }
    samples.push({ name: match[1] ?? '', labels, value: Number(match[4]) });
  }
  return { types, samples };
}

/** The qmt_* metrics a PromQL expression names, histogram series folded into their metric. */
export function metricsOfExpression(expr: string): string[] {
  const names = (expr.match(/\bqmt_[a-z_]+\b/g) ?? []).map((name) =>
    name.replace(/_(bucket|sum|count)$/, ''),
  );
  return [...new Set(names)];
}

/** Parentheses, brackets and braces balance, outside string literals. */
export function isBalanced(expr: string): boolean {
  const open: string[] = [];
  const pairs: Record<string, string> = { ')': '(', ']': '[', '}': '{' };
  let quote: string | null = null;
  for (let i = 0; i < expr.length; i += 1) {
    const c = expr[i] ?? '';
    if (quote !== null) {
      if (c === '\\') {
        i += 1;
      } else if (c === quote) {
        quote = null;
      }
    } else if (c === '"' || c === "'") {
      quote = c;
    } else if ('([{'.includes(c)) {
      open.push(c);
    } else if (c in pairs && open.pop() !== pairs[c]) {
      return false;
    }
  }
  return open.length === 0 && quote === null;
}
