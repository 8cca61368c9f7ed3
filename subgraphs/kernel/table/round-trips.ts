import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';

/** Counts of DynamoDB calls, by command name, since the counter was attached or reset. */
export interface RoundTripCounter {
  total(): number;
  byCommand(): Record<string, number>;
  reset(): void;
}

/**
 * Attaches SDK middleware that counts every DynamoDB round trip (retries included), so that
 * tests and benchmarks can assert that a query's cost does not grow with list length.
 *
 * @param client - the client whose calls are counted
 */
export function countRoundTrips(client: DynamoDBClient): RoundTripCounter {
  let counts: Record<string, number> = {};
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const name = context.commandName ?? 'unknown';
      counts[name] = (counts[name] ?? 0) + 1;
      return next(args);
    },
    { step: 'finalizeRequest', name: 'nextworkRoundTripCounter', override: true },
  );
  return {
    total: () => Object.values(counts).reduce((sum, n) => sum + n, 0),
    byCommand: () => ({ ...counts }),
    reset: () => {
      counts = {};
    },
  };
}
