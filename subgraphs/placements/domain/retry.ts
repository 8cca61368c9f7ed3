import { ConflictError } from '#kernel/errors';

/** How many times a command reads, decides and writes before it gives up with `CONFLICT`. */
const ATTEMPTS = 4;

/**
 * Runs a read–decide–write command again when a concurrent writer got there first (a guard's
 * version moved, a counter item was in another transaction). Each attempt reads afresh, so the
 * loser of a race re-checks the rules on what the winner wrote and gets the rule's own error
 * (the opportunity is now full) instead of a bare conflict. Rule violations are not retried.
 *
 * @param attempt - one complete read, decision and transactional write
 */
export async function withConflictRetries<T>(attempt: () => Promise<T>): Promise<T> {
  for (let n = 1; ; n++) {
    try {
      return await attempt();
    } catch (error) {
      if (!(error instanceof ConflictError) || n >= ATTEMPTS) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * n));
    }
  }
}
