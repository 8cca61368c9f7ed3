/**
 * The most DynamoDB round trips each counted read may take through the whole federated system,
 * on one municipality of the demo world ten times over (`round-trip-budgets.test.ts`). Set at
 * what each took when the budgets were set; a list of 100 gets the budget of the same list of
 * 10, since round trips must not grow with list length. A rise is a regression to explain, a
 * fall a chance to tighten.
 *
 * Raised once on purpose: a read of young people's personal data by staff also writes the
 * request's audit events (one write per subgraph call that reads it).
 *
 * Lowered when the gateway began sending a request's parallel calls to one subgraph as one
 * batch (`gateway/call-batching.ts`): the calls share one loader and one audit trail, so the
 * young person's profile reads its companies' items once (22 → 16), and the lists save a read
 * or an audit write each. The programme's figures are one counter
 * item per municipality and subgraph since the months were folded into it (one batched read per
 * subgraph on any data set: 149 round trips on the national data before, 8 now).
 *
 * Lowered when a page of companies began reading its companies' contacts and opportunities in
 * one query on gsi3 rather than by key (`company-children-entity.ts`): 8 → 5, and a list of
 * 100 now takes exactly the round trips of a list of 10 (it took up to three more batches).
 */
export const ROUND_TRIP_BUDGETS: Readonly<Record<string, number>> = {
  'municipality-overview': 10,
  'youth-profile': 16,
  'placement-list-10': 6,
  'placement-list-100': 6,
  'youth-listing-10': 8,
  'youth-listing-100': 8,
  'company-listing-10': 5,
  'company-listing-100': 5,
  programme: 8,
};

/**
 * The most DynamoDB round trips each of the bench's main mutations may take through the whole
 * federated system: the rule's and the command's one read of the facts (a request reads each
 * item once, strongly consistent), one transaction with the change, its audit record and its
 * idempotency record, and what the payload reads. Set when the write path became one (before
 * it: update-youth-profile 2 without its READ record, update-company 3, record-session-attendance
 * 3).
 */
export const MUTATION_ROUND_TRIP_BUDGETS: Readonly<Record<string, number>> = {
  // The young person read, the change committed, the payload's personal fields' READ record.
  'update-youth-profile': 3,
  // The company read (its rule and its command), the change committed.
  'update-company': 2,
  // The young person, the company, its contact and the link read in turns; the young person's
  // pending invitations listed; the invitation committed.
  'invite-youth': 6,
  // The session and its group read, the recording committed.
  'record-session-attendance': 3,
};
