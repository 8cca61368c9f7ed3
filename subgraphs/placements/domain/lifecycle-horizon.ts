/**
 * How long one execution may carry a lifecycle. A Standard Step Functions execution ends
 * `TIMED_OUT` one year after it started, and a lifecycle can outlast that: an extension runs a
 * placement to 26 weeks and more, and a 6-month follow-up of an education that starts months
 * after the decision waits in the same lifecycle. So no execution is planned to run past
 * {@link EXECUTION_HORIZON_DAYS}: an execution whose next wait would end beyond it hands the
 * lifecycle over to a fresh execution at the step it stands at (continue-as-new) and ends.
 */

const DAY_MS = 86_400_000;

/** The longest an execution is planned to run: far inside Step Functions' year. */
export const EXECUTION_HORIZON_DAYS = 200;

/**
 * How long before its horizon an execution hands over: a wait is whole workflow seconds,
 * rounded up, and a hand-over takes a few task calls. In AWS that is seconds; ten days also
 * covers the sped-up clock of the local stack (up to `LIFECYCLE_TIME_SCALE=864000`, a day in
 * 0.1 s, where a workflow second is ten days).
 */
export const HANDOVER_HEADROOM_DAYS = 10;

/** The longest an execution plans to wait for, from its start. */
const LAST_WAKE_MS = (EXECUTION_HORIZON_DAYS - HANDOVER_HEADROOM_DAYS) * DAY_MS;

/** What an execution does before a wait: wait until a moment, or hand over now. */
export type WaitPlan = { handOver: false; until: number } | { handOver: true };

/**
 * What an execution does that would wait until a moment: wait for it while the wait ends within
 * its horizon; otherwise hand over now when a fresh execution would reach the moment, else wait
 * as long as it may (and hand over then). So no execution runs past its horizon, and none hands
 * over only for its successor to hand over at once.
 *
 * @param now - lifecycle time now, in epoch milliseconds
 * @param target - the moment the wait is for (a task opens, a task is chased)
 * @param executionStartedAt - when the execution started, in epoch milliseconds
 */
export function planWait(now: number, target: number, executionStartedAt: number): WaitPlan {
  const lastWake = executionStartedAt + LAST_WAKE_MS;
  if (target <= lastWake) return { handOver: false, until: target };
  if (now >= lastWake || target <= now + LAST_WAKE_MS) return { handOver: true };
  return { handOver: false, until: lastWake };
}
