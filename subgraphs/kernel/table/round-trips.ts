import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';

/** Counts of DynamoDB calls, by command name, since the counter was attached or reset. */
export interface RoundTripCounter {
  total(): number;
  byCommand(): Record<string, number>;
  reset(): void;
}

/** A counter and the function the middleware calls for each round trip. */
function createCounter(): RoundTripCounter & { add(command: string): void } {
  let counts: Record<string, number> = {};
  return {
    add: (command) => {
      counts[command] = (counts[command] ?? 0) + 1;
    },
    total: () => Object.values(counts).reduce((sum, n) => sum + n, 0),
    byCommand: () => ({ ...counts }),
    reset: () => {
      counts = {};
    },
  };
}

/** Adds the counting middleware under a name, so that attaching twice replaces, not doubles. */
function attach(client: DynamoDBClient, name: string, add: (command: string) => void): void {
  client.middlewareStack.add(
    (next, context) => async (args) => {
      add(context.commandName ?? 'unknown');
      return next(args);
    },
    { step: 'finalizeRequest', name, override: true },
  );
}

/**
 * Attaches SDK middleware that counts every DynamoDB round trip (retries included), so that
 * tests and benchmarks can assert that a query's cost does not grow with list length.
 *
 * @param client - the client whose calls are counted
 */
export function countRoundTrips(client: DynamoDBClient): RoundTripCounter {
  const counter = createCounter();
  attach(client, 'nextworkRoundTripCounter', counter.add);
  return counter;
}
