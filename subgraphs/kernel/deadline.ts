/**
 * The moment by which a request must have answered. A subgraph gives up before the gateway
 * stops waiting for it (see `docs/architecture.md`, "Timeouts"), so that nothing is written
 * after the client was told the request failed: every DynamoDB call of the request carries the
 * deadline's abort signal, and a command does not start a write it cannot finish in time.
 */
export interface Deadline {
  /** Epoch milliseconds; `Infinity` for none. */
  readonly at: number;
  /** Milliseconds left, never below zero. */
  remainingMs(): number;
  /** Aborts when the deadline passes; undefined when there is none. */
  signal(): AbortSignal | undefined;
}

/** No deadline: maintenance commands and the lifecycle's own steps, which Lambda bounds. */
export const NO_DEADLINE: Deadline = {
  at: Number.POSITIVE_INFINITY,
  remainingMs: () => Number.POSITIVE_INFINITY,
  signal: () => undefined,
};

/**
 * A deadline some time from now.
 *
 * @param ms - milliseconds from now
 * @param now - the clock
 * @default now - Date.now
 */
export function deadlineIn(ms: number, now: () => number = Date.now): Deadline {
  const at = now() + ms;
  return {
    at,
    remainingMs: () => Math.max(0, at - now()),
    signal: () => AbortSignal.timeout(Math.max(1, at - now())),
  };
}

/**
 * How long a subgraph request may run (`REQUEST_DEADLINE_MS`): below the gateway's timeout of a
 * subgraph call, which is below API Gateway's. The stacks set all three from one place
 * (`infra/config/timeouts.ts`).
 *
 * @param env - the process environment
 */
export function requestDeadlineMs(env: NodeJS.ProcessEnv = process.env): number {
  const configured = Number(env.REQUEST_DEADLINE_MS);
  return Number.isFinite(configured) && configured > 0 ? configured : DEFAULT_REQUEST_DEADLINE_MS;
}

/** The subgraph request deadline when none is configured. */
export const DEFAULT_REQUEST_DEADLINE_MS = 6_000;

/**
 * The header that carries the gateway's deadline for a request (epoch milliseconds) to every
 * subgraph call of it, so that a subgraph ends its work by the time the gateway stops waiting,
 * however far into the query plan the call comes.
 */
export const DEADLINE_HEADER = 'x-nextwork-deadline';

/**
 * A subgraph request's deadline: its own (`ownMs` from now), or the gateway's when that comes
 * sooner. Only the gateway reaches a subgraph (IAM in AWS, a verified assertion everywhere), and
 * the header can only shorten the deadline, never lengthen it.
 *
 * @param header - the value of {@link DEADLINE_HEADER}, if any
 * @param ownMs - the subgraph's own limit
 * @param now - the clock
 * @default now - Date.now
 */
export function requestDeadline(
  header: string | undefined,
  ownMs: number,
  now: () => number = Date.now,
): Deadline {
  const own = deadlineIn(ownMs, now);
  const gateway = Number(header);
  if (!header || !Number.isFinite(gateway) || gateway >= own.at) return own;
  return deadlineIn(gateway - now(), now);
}
