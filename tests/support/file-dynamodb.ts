import { type RunningDynamoDb, startDynamoDbLocal } from '#infra/local/dynamodb-local';

let running: Promise<RunningDynamoDb> | undefined;

/**
 * The in-memory DynamoDB Local of the test file running in this process, started on first use.
 *
 * Every test file gets its own: one DynamoDB Local grows slower with everything written into it
 * over a run — measured: seeding the demo world took 5 s into the first table and 46 s into the
 * fifth, deleted tables or not — so a run-wide instance made the suite's last files crawl and the
 * e2e files' seeding overrun its hook timeout in CI. A JVM start costs a second or two; files
 * that never touch the table (unit tests) start none. `tests/support/setup-file.ts` stops it
 * when the file ends.
 */
export async function dynamoEndpointOfThisFile(): Promise<string> {
  running ??= startDynamoDbLocal();
  return (await running).endpoint;
}

/** Stops this file's DynamoDB Local, the Java process included, if one was started. */
export async function stopDynamoDbOfThisFile(): Promise<void> {
  const started = running;
  running = undefined;
  if (started) await (await started).stop();
}
