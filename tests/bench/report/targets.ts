import { bundleBudgetOf } from '#infra/config/bundling';
import type { LambdaEntry } from '../cold-start/lambda-bundle.ts';
import type { BenchResults, TargetResult } from './results.ts';
import type { Spread } from './stats.ts';

const ratio = (s: Spread) => `${s.median.toFixed(2)}× (${s.min.toFixed(2)}–${s.max.toFixed(2)})`;

/** The list pairs whose round trips must be equal: a list of 10 and the same list of 100. */
const LIST_PAIRS: ReadonlyArray<[string, string]> = [
  ['placement-list-10', 'placement-list-100'],
  ['youth-listing-10', 'youth-listing-100'],
  ['company-listing-10', 'company-listing-100'],
];

/**
 * Where each target of issue 10 stands in these results. Timing targets are judged on the
 * median of the per-run ratios; round trips and sizes are exact.
 *
 * @param results - everything measured
 */
export function evaluateTargets(results: Omit<BenchResults, 'targets'>): TargetResult[] {
  const targets: TargetResult[] = [];
  for (const cold of results.coldStarts) {
    targets.push({
      target: `${cold.name}: cold start ≤ 0.3× unbundled`,
      measured: ratio(cold.ratio),
      met: cold.ratio.median <= 0.3,
    });
  }
  for (const cold of results.coldStarts) {
    const limit = bundleBudgetOf(cold.name as LambdaEntry['name']);
    targets.push({
      target: `${cold.name}: bundle ≤ ${limit / 1000} kB minified`,
      measured: `${(cold.bundleBytes / 1000).toFixed(0)} kB`,
      met: cold.bundleBytes <= limit,
    });
  }
  for (const o of results.overhead) {
    targets.push({
      target: `${o.key}: gateway p50 ≤ 1.25× subgraph critical path`,
      measured: ratio(o.gatewayOverDirect),
      met: o.gatewayOverDirect.median <= 1.25,
    });
    targets.push({
      target: `${o.key}: federated p50 ≤ 1.5× monolith`,
      measured: ratio(o.federatedOverMonolith),
      met: o.federatedOverMonolith.median <= 1.5,
    });
    targets.push({
      target: `${o.key}: federated throughput ≥ 0.5× monolith`,
      measured: ratio(o.throughputShare),
      met: o.throughputShare.median >= 0.5,
    });
  }
  const trips = new Map(results.roundTrips.map((r) => [r.key, r]));
  for (const [ten, hundred] of LIST_PAIRS) {
    const a = trips.get(ten);
    const b = trips.get(hundred);
    if (!a || !b) continue;
    for (const dataSet of ['demo', 'tenfold', 'national'] as const) {
      const x = a.gateway[dataSet];
      const y = b.gateway[dataSet];
      if (x === undefined || y === undefined) continue;
      targets.push({
        target: `round trips ${ten} = ${hundred} (${dataSet})`,
        measured: `${x} and ${y}`,
        met: x === y,
      });
    }
  }
  for (const r of results.roundTrips) {
    const { demo, tenfold } = r.gateway;
    if (demo === undefined || tenfold === undefined) continue;
    targets.push({
      target: `round trips ${r.key}: demo = 10× data`,
      measured: `${demo} and ${tenfold}`,
      met: demo === tenfold,
    });
  }
  // Not a target of its own, but the same rule: the national data set is both more data and
  // longer lists (98 municipalities instead of 5).
  for (const r of results.roundTrips) {
    const { demo, national } = r.gateway;
    if (demo === undefined || national === undefined) continue;
    targets.push({
      target: `round trips ${r.key}: demo = national data`,
      measured: `${demo} and ${national}`,
      met: demo === national,
    });
  }
  const programme = results.scale.find((s) => s.key === 'programme');
  if (programme) {
    targets.push({
      target: 'programme p50 on national data ≤ 1.2× demo',
      measured: ratio(programme.ratio),
      met: programme.ratio.median <= 1.2,
    });
  }
  return targets;
}
