import { vi } from 'vitest';

/** One embedded-metric-format line as Powertools writes it: dimensions and values at the top. */
export interface EmfLine {
  _aws: {
    CloudWatchMetrics: Array<{
      Namespace: string;
      Dimensions: string[][];
      Metrics: Array<{ Name: string; Unit: string }>;
    }>;
  };
  [field: string]: unknown;
}

/**
 * Captures the EMF lines written to standard output (where Lambda hands them to CloudWatch)
 * while a test runs, instead of printing them; other output passes through.
 */
export function captureEmf() {
  const lines: EmfLine[] = [];
  const write = process.stdout.write.bind(process.stdout);
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation(((
    chunk: string | Uint8Array,
    ...rest: unknown[]
  ) => {
    const emf = emfOf(String(chunk));
    if (emf) {
      lines.push(emf);
      return true;
    }
    return (write as (...args: unknown[]) => boolean)(chunk, ...rest);
  }) as typeof process.stdout.write);
  return {
    lines,
    /** The metrics written under one name: each line's dimensions and value. */
    metric(name: string): Array<Record<string, unknown>> {
      return lines
        .filter((line) =>
          line._aws.CloudWatchMetrics.some((m) => m.Metrics.some((x) => x.Name === name)),
        )
        .map((line) => {
          const dimensions = line._aws.CloudWatchMetrics[0]?.Dimensions[0] ?? [];
          return {
            ...Object.fromEntries(dimensions.map((d) => [d, line[d]])),
            namespace: line._aws.CloudWatchMetrics[0]?.Namespace,
            value: line[name],
          };
        });
    },
    clear() {
      lines.length = 0;
    },
    restore() {
      spy.mockRestore();
    },
  };
}

function emfOf(text: string): EmfLine | undefined {
  if (!text.startsWith('{"_aws"')) return undefined;
  try {
    return JSON.parse(text) as EmfLine;
  } catch {
    return undefined;
  }
}
