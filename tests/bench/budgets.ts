/**
 * The most DynamoDB round trips each counted read may take through the whole federated system,
 * on one municipality of the demo world ten times over (`round-trip-budgets.test.ts`). Set at
 * what each took when the budgets were set; a list of 100 gets the budget of the same list of
 * 10, since round trips must not grow with list length. A rise is a regression to explain, a
 * fall a chance to tighten.
 *
 * Raised once on purpose: a read of young people's personal data by staff now also writes the
 * request's audit events (one write per subgraph and request that reads it: +1 for the lists, +2
 * for the young person's profile), and the programme query's placement figures list the
 * municipalities before one batched read of their month items (+1, and no longer one query
 * per municipality).
 */
export const ROUND_TRIP_BUDGETS: Readonly<Record<string, number>> = {
  'municipality-overview': 11,
  'youth-profile': 22,
  'placement-list-10': 8,
  'placement-list-100': 8,
  'youth-listing-10': 8,
  'youth-listing-100': 8,
  'company-listing-10': 14,
  'company-listing-100': 14,
  programme: 8,
};
