import { afterAll, beforeAll } from 'vitest';
import { type RunningDynamoDb, startDynamoDbLocal } from '#infra/local/dynamodb-local';

/**
 * Gives the calling test file a DynamoDB Local of its own, started before its tests and stopped
 * after them. For files that write thousands of items (a whole demo world, ten times the data):
 * one DynamoDB Local (one JVM) grows slower with everything written into it over a run, even
 * after tables are deleted, so on the run's shared instance such files starve the light ones
 * and each other. A private instance costs a JVM start (a few seconds) and frees its memory
 * when the file ends.
 *
 * @returns the endpoint, to be read inside hooks or tests (not at collection time)
 */
export function useOwnDynamoDb(): () => string {
  let dynamo: RunningDynamoDb | undefined;
  beforeAll(async () => {
    dynamo = await startDynamoDbLocal();
  });
  afterAll(async () => {
    await dynamo?.stop();
  });
  return () => {
    if (!dynamo) throw new Error('The own DynamoDB Local is not running yet: read it in a hook');
    return dynamo.endpoint;
  };
}
