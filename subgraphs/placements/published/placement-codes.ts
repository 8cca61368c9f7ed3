/**
 * The codes a placement carries that other subgraphs may read by value: the people subgraph's
 * evaluation export whitelists its placement columns with them and lists them in the export's
 * codebook. Defined here, once, so the domain, the export and the codebook cannot drift; plain
 * lists only, so importing them costs another bundle nothing.
 */

/** Where a placement is in its course. */
export const PLACEMENT_STATUSES = [
  'PLANNED',
  'ACTIVE',
  'EXTENDED',
  'COMPLETED',
  'INTERRUPTED',
] as const;

/** The kinds of outcome of a placement. */
export const OUTCOME_KINDS = [
  'EXTENDED',
  'NEW_PLACEMENT',
  'EDUCATION',
  'JOB',
  'PAUSE',
  'DROPPED_OUT',
] as const;

/**
 * How a placement came about: the young person's wish, a company's invitation the young person
 * accepted (both chosen by the young person), or arranged directly by the team (`STAFF`).
 */
export const PLACEMENT_ORIGIN_KINDS = ['WISH', 'INVITATION', 'STAFF'] as const;

/** How a placement came about. */
export type PlacementOriginKind = (typeof PLACEMENT_ORIGIN_KINDS)[number];

/**
 * Whether a placement was chosen by the young person (a wish, or an invitation they answered)
 * rather than arranged by the team: the fidelity figures' and the export's reading of origin.
 *
 * @param kind - how the placement came about
 */
export function chosenByYouth(kind: PlacementOriginKind): boolean {
  return kind !== 'STAFF';
}
