import type { LocalKeys } from '#infra/local/local-keys';
import type { BenchConfig } from '../report/results.ts';
import type { Callers } from '../stack/callers.ts';

/** What every section of the benchmark is given. */
export interface SectionContext {
  config: BenchConfig;
  keys: LocalKeys;
  callers: Callers;
  progress: (message: string) => void;
  /** Things the reader of the results should know (a failed request, different answers). */
  warn: (message: string) => void;
}
