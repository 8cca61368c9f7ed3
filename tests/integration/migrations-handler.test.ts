import type { CloudFormationCustomResourceEvent, Context } from 'aws-lambda';
import { beforeAll, describe, expect, it } from 'vitest';
import { migrationStatus } from '#kernel/migrations/runner';
import type { Table } from '#kernel/table/table';
import { captureEmf } from '../support/emf.ts';
import { dynamoEndpointOfThisFile } from '../support/file-dynamodb.ts';
import { givenMunicipalities, ROSKILDE } from '../support/people-factories.ts';
import { createTestTable } from '../support/table.ts';

/** A custom resource event of CloudFormation, as the provider framework passes it on. */
function cfnEvent(requestType: 'Create' | 'Update' | 'Delete'): CloudFormationCustomResourceEvent {
  return {
    RequestType: requestType,
    ServiceToken: 'arn:aws:lambda:eu-north-1:123456789012:function:provider',
    ResponseURL: 'https://example.invalid/response',
    StackId: 'arn:aws:cloudformation:eu-north-1:123456789012:stack/nextwork-dev-api/x',
    RequestId: 'request',
    LogicalResourceId: 'DataMigrations',
    ResourceType: 'Custom::DataMigrations',
    ResourceProperties: { ServiceToken: 'x', MigrationIds: ['0001'] },
    ...(requestType === 'Create'
      ? {}
      : { PhysicalResourceId: 'data-migrations-x', OldResourceProperties: {} }),
  } as CloudFormationCustomResourceEvent;
}

/** An invocation with time left (the function reads nothing else of it outside Lambda). */
function invocationWith(remainingMs: number): Context {
  return { getRemainingTimeInMillis: () => remainingMs } as Context;
}

const plentyOfTime = invocationWith(900_000);
const outOfTime = invocationWith(30_000);

describe('the data migrations function (custom resource on deploy)', () => {
  let table: Table;
  let handler: typeof import('#infra/migrations/handler').handler;

  beforeAll(async () => {
    table = await createTestTable();
    await givenMunicipalities(table);
    // The function reads its table and endpoint from the environment when it loads.
    process.env.TABLE_NAME = table.name;
    process.env.DYNAMODB_ENDPOINT = await dynamoEndpointOfThisFile();
    ({ handler } = await import('#infra/migrations/handler'));
  });

  it('pauses and fails the deployment near its end, then applies everything on the next event', async () => {
    // Prepare
    await table.put({
      pk: `MUNI#${ROSKILDE}`,
      sk: 'STATS#YOUTH#MONTH#2026-11',
      month: '2026-11',
      enrolled: 2,
    });
    const emf = captureEmf();
    // Act
    const paused = handler(cfnEvent('Create'), outOfTime);
    await expect(paused).rejects.toThrow('Migration 0001 paused at its checkpoint');
    const afterPause = emf.metric('MigrationsApplied');
    const applied = await handler(cfnEvent('Update'), plentyOfTime);
    const deleted = await handler(cfnEvent('Delete'), plentyOfTime);
    emf.restore();
    // Assess
    expect(applied).toEqual({
      PhysicalResourceId: `data-migrations-${table.name}`,
      Data: {
        Applied: '0001,0002,0003,0004,0005,0006,0007,0008,0009,0010,0011,0012,0014,0015,0019,0023',
      },
    });
    expect(deleted).toEqual({ PhysicalResourceId: 'data-migrations-x' });
    // Counted once each, when applied: the paused run applied none.
    expect(afterPause).toEqual([]);
    expect(
      emf.metric('MigrationsApplied').map(({ migration, value }) => [migration, value]),
    ).toEqual(
      [
        '0001',
        '0002',
        '0003',
        '0004',
        '0005',
        '0006',
        '0007',
        '0008',
        '0009',
        '0010',
        '0011',
        '0012',
        '0014',
        '0015',
        '0019',
        '0023',
      ].map((id) => [id, 1]),
    );
    expect(emf.metric('MigrationsFailed')).toEqual([]);
    expect((await migrationStatus(table, [])).applied.map(({ id }) => id)).toEqual([
      '0001',
      '0002',
      '0003',
      '0004',
      '0005',
      '0006',
      '0007',
      '0008',
      '0009',
      '0010',
      '0011',
      '0012',
      '0014',
      '0015',
      '0019',
      '0023',
    ]);
  });
});
