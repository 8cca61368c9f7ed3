import {
  CreateTableCommand,
  type CreateTableCommandInput,
  DescribeTableCommand,
  type DynamoDBClient,
  ResourceNotFoundException,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import { INDEX_NAMES, TABLE_DEFINITION } from './definition.ts';

/**
 * The CreateTable request for the shared definition; used by the local stack and the tests
 * (CDK builds the same shape from the same definition in infra/).
 *
 * @param tableName - the table's name
 */
export function createTableInput(tableName: string): CreateTableCommandInput {
  const keyAttributes = [
    TABLE_DEFINITION.partitionKey,
    TABLE_DEFINITION.sortKey,
    ...INDEX_NAMES.flatMap((name) => {
      const index = TABLE_DEFINITION.indexes[name];
      return [index.partitionKey, index.sortKey];
    }),
  ];
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: keyAttributes.map((AttributeName) => ({
      AttributeName,
      AttributeType: 'S',
    })),
    KeySchema: [
      { AttributeName: TABLE_DEFINITION.partitionKey, KeyType: 'HASH' },
      { AttributeName: TABLE_DEFINITION.sortKey, KeyType: 'RANGE' },
    ],
    GlobalSecondaryIndexes: INDEX_NAMES.map((IndexName) => ({
      IndexName,
      KeySchema: [
        { AttributeName: TABLE_DEFINITION.indexes[IndexName].partitionKey, KeyType: 'HASH' },
        { AttributeName: TABLE_DEFINITION.indexes[IndexName].sortKey, KeyType: 'RANGE' },
      ],
      Projection: { ProjectionType: 'ALL' },
    })),
    StreamSpecification: { StreamEnabled: true, StreamViewType: TABLE_DEFINITION.streamView },
  };
}

/**
 * Creates the table from the shared definition unless it exists; returns whether it created it.
 *
 * @param client - a client of the DynamoDB endpoint
 * @param tableName - the table's name
 */
export async function ensureTable(client: DynamoDBClient, tableName: string): Promise<boolean> {
  try {
    await client.send(new DescribeTableCommand({ TableName: tableName }));
    return false;
  } catch (error) {
    if (!(error instanceof ResourceNotFoundException)) throw error;
  }
  await client.send(new CreateTableCommand(createTableInput(tableName)));
  await client.send(
    new UpdateTimeToLiveCommand({
      TableName: tableName,
      TimeToLiveSpecification: {
        AttributeName: TABLE_DEFINITION.timeToLiveAttribute,
        Enabled: true,
      },
    }),
  );
  return true;
}
