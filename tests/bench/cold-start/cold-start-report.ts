import { bundleBudgetOf, type LambdaBundle } from '#infra/config/bundling';
import type { ColdStartFigures } from '../report/results.ts';
import type { Spread } from '../report/stats.ts';

const ms = (s: Spread) => `${s.median.toFixed(0)} (${s.min.toFixed(0)}–${s.max.toFixed(0)})`;
const times = (s: Spread) => `${s.median.toFixed(2)}× (${s.min.toFixed(2)}–${s.max.toFixed(2)})`;
const kb = (bytes: number) => `${(bytes / 1000).toFixed(0)} kB`;

/**
 * The cold-start table alone, for `BENCH_ONLY=cold-start`: each Lambda's bundle against its
 * budget, its cold start bundled and unbundled (medians with the lowest and highest run), and
 * the ratio against the target of 0.3×.
 *
 * @param figures - the cold-start section's figures
 * @param runs - measured runs of each kind
 */
export function coldStartMarkdown(figures: readonly ColdStartFigures[], runs: number): string {
  const head = [
    'Lambda',
    'bundle (budget)',
    'bundled ms',
    'unbundled ms',
    'bundled ÷ unbundled (≤ 0.3×)',
    'bundle loaded at',
    'first answer at',
  ];
  const rows = figures.map((f) => [
    f.name,
    `${kb(f.bundleBytes)} (${kb(bundleBudgetOf(f.name as LambdaBundle['name']))})`,
    ms(f.bundled),
    ms(f.unbundled),
    `${times(f.ratio)} ${f.ratio.median <= 0.3 ? 'met' : 'not met'}`,
    f.bundledLoadedMs.toFixed(0),
    f.bundledAnsweredMs.toFixed(0),
  ]);
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [
    `### Cold start (new Node process to first answer; ${runs} runs; ms)`,
    '',
    line(head),
    line(head.map(() => '---')),
    ...rows.map(line),
  ].join('\n');
}
