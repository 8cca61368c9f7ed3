import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { runtimeSdk } from '../runtime-sdk.ts';
import { countInProcessRoundTrips } from './round-trips.ts';

const { DynamoDBClient: Client } = runtimeSdk('@aws-sdk/client-dynamodb');

/**
 * Creates a DynamoDB client. `DYNAMODB_ENDPOINT` points it at DynamoDB Local; in Lambda the
 * default endpoint and the function role's credentials apply. Its calls count in
 * `processRoundTrips` (see round-trips.ts), which `npm run bench` reports per operation.
 *
 * @param endpoint - override of the service endpoint
 * @default process.env.DYNAMODB_ENDPOINT
 */
export function createDynamoClient(endpoint = process.env.DYNAMODB_ENDPOINT): DynamoDBClient {
  if (!endpoint) return countInProcessRoundTrips(new Client({}));
  return countInProcessRoundTrips(
    new Client({
      endpoint,
      region: process.env.AWS_REGION ?? 'eu-north-1',
      // DynamoDB Local accepts any credentials; fixed ones keep a developer's real keys out of it.
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    }),
  );
}
