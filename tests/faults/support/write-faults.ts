import type { FaultCounts, FaultKind, FaultRule } from '../../support/fault-proxy.ts';

/**
 * The DynamoDB operations the subgraphs write with: a change's transaction, an audit trail's
 * append. Not `UpdateItem`: on a request path only the gateway's rate limit counter uses it, and
 * that lets the request through when it fails — its faults would only spend the rules' draws and
 * fill the log.
 */
const WRITE_OPERATIONS = ['TransactWriteItems', 'PutItem', 'DeleteItem', 'BatchWriteItem'];

/** Every fault that makes a request fail; latency only slows one down. */
const FAILING_KINDS = [
  'appliedThenServerError',
  'appliedThenDropped',
  'throttled',
  'throttlingException',
  'serverError',
  'droppedBeforeForward',
] as const satisfies readonly FaultKind[];

/**
 * How often each kind strikes a write. The two that matter most — applied, with the answer lost
 * to a server error or a dropped connection — strike twice as often as the refusals (a throttle
 * in both of DynamoDB's wordings, a server error, a connection dropped before the request
 * arrives); together about a quarter of writes: 1 − 0.93² × 0.96 × 0.97³ ≈ 0.24.
 */
const SHARE_OF_WRITES: Record<(typeof FAILING_KINDS)[number], number> = {
  appliedThenServerError: 0.07,
  appliedThenDropped: 0.07,
  throttled: 0.04,
  throttlingException: 0.03,
  serverError: 0.03,
  droppedBeforeForward: 0.03,
};

/**
 * A quarter of DynamoDB writes failing, every way a write can fail (see
 * {@link SHARE_OF_WRITES}), and one request in ten of any kind arriving a quarter of a second
 * late. Rules strike in order, the first one wins: the applied kinds come first.
 */
export function aQuarterOfWritesFailing(): FaultRule[] {
  return [
    { kind: 'latency', rate: 0.1, latencyMs: 250 },
    ...FAILING_KINDS.map((kind) => ({
      kind,
      rate: SHARE_OF_WRITES[kind],
      operations: WRITE_OPERATIONS,
    })),
  ];
}

/**
 * The failing kinds that struck no request: a run that met none of a kind did not test it.
 *
 * @param counts - the proxy's counts
 */
export function kindsNotMet(counts: FaultCounts): FaultKind[] {
  return FAILING_KINDS.filter((kind) => counts[kind] === 0);
}

/**
 * What a client may meet on its way to an answer while writes fail: the codes it can act on by
 * sending the change again with its key. Nothing else (`INTERNAL_SERVER_ERROR`, an HTTP 5xx, a
 * subgraph that did not answer) is an answer to a failed write.
 */
export const CODES_OF_FAILED_WRITES: readonly string[] = [
  'TEMPORARILY_UNAVAILABLE',
  'OUTCOME_UNKNOWN',
];
