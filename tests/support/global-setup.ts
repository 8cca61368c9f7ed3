import type { TestProject } from 'vitest/node';
import { type RunningDynamoDb, startDynamoDbLocal } from '#infra/local/dynamodb-local';

let dynamo: RunningDynamoDb | undefined;

/** Starts one in-memory DynamoDB Local for the whole run; each test file makes its own table. */
export async function setup(project: TestProject): Promise<void> {
  dynamo = await startDynamoDbLocal();
  project.provide('dynamoEndpoint', dynamo.endpoint);
}

/** Stops DynamoDB Local, the Java process included. */
export async function teardown(): Promise<void> {
  await dynamo?.stop();
}

declare module 'vitest' {
  export interface ProvidedContext {
    dynamoEndpoint: string;
  }
}
