import type { FaultCounts, FaultProxy } from '../../support/fault-proxy.ts';
import { eventually } from '../../support/lifecycle-harness.ts';

/** Requests the proxy answered itself: they never reached DynamoDB. */
const REFUSED: ReadonlyArray<keyof FaultCounts> = [
  'throttled',
  'throttlingException',
  'serverError',
  'droppedBeforeForward',
];

/**
 * Switches the faults off and waits until every request that reached the proxy has been
 * forwarded to DynamoDB or refused: a write delayed by latency, or given up on by its client,
 * may still land after its caller was answered, and the invariants are checked on what is stored
 * once nothing is on its way any more.
 *
 * @param proxy - the stack's fault proxy
 */
export async function faultsOffAndSettled(proxy: FaultProxy): Promise<FaultCounts> {
  proxy.disable();
  return eventually(() => {
    const counts = proxy.counts();
    const refused = REFUSED.reduce((sum, kind) => sum + counts[kind], 0);
    return counts.forwarded + refused === counts.requests && counts;
  }, 'every request to DynamoDB forwarded or refused');
}
