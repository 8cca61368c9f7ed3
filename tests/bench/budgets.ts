import type { LambdaEntry } from './cold-start/lambda-bundle.ts';

/**
 * The targets of issue 10 for bundle sizes (minified), in bytes (decimal: 1 MB = 1,000,000 B).
 * The benchmark reports each bundle against them.
 */
export const BUNDLE_SIZE_TARGETS: Record<'gateway' | 'subgraph', number> = {
  gateway: 1_500_000,
  subgraph: 600_000,
};

/**
 * The most each bundle may weigh (minified, bytes): `bundle-size-budgets.test.ts` fails above.
 * Not the targets: set about 10% above the sizes measured when they were set (gateway 4.62 MB,
 * subgraphs 2.36–2.38 MB), so that growth is noticed while the work on reaching the targets goes
 * on; lower them with every step towards the targets.
 */
export const BUNDLE_SIZE_BUDGETS: Record<LambdaEntry['name'], number> = {
  gateway: 5_100_000,
  people: 2_600_000,
  companies: 2_600_000,
  placements: 2_600_000,
  'learning-community': 2_600_000,
};

/** A bundle's target: the gateway's, or every subgraph's. */
export function bundleTargetOf(name: LambdaEntry['name']): number {
  return name === 'gateway' ? BUNDLE_SIZE_TARGETS.gateway : BUNDLE_SIZE_TARGETS.subgraph;
}

/**
 * The most DynamoDB round trips each counted read may take through the whole federated system,
 * on one municipality of the demo world ten times over (`round-trip-budgets.test.ts`). Set at
 * what each took when the budgets were set; a list of 100 gets the budget of the same list of
 * 10, since round trips must not grow with list length. A rise is a regression to explain, a
 * fall a chance to tighten.
 */
export const ROUND_TRIP_BUDGETS: Readonly<Record<string, number>> = {
  'municipality-overview': 11,
  'youth-profile': 20,
  'placement-list-10': 7,
  'placement-list-100': 7,
  'youth-listing-10': 7,
  'youth-listing-100': 7,
  'company-listing-10': 14,
  'company-listing-100': 14,
  programme: 7,
};
