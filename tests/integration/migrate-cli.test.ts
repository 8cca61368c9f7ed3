import { execFile } from 'node:child_process';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { maintenanceTarget } from '#infra/local/maintenance-table';
import { ALL_MIGRATIONS } from '#infra/migrations/all-migrations';
import type { Table } from '#kernel/table/table';
import { youthMonthsFromItem, youthStatsKey } from '#people/repository/youth-stats-entity';
import { dynamoEndpointOfThisFile } from '../support/file-dynamodb.ts';
import { givenMunicipalities, ROSKILDE } from '../support/people-factories.ts';
import { createTestTable } from '../support/table.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const TSX = join(ROOT, 'node_modules/.bin/tsx');

/** `npm run migrate` as a developer runs it, against the test's table, and what it printed. */
async function migrate(table: Table, ...args: string[]): Promise<string> {
  const { stdout } = await promisify(execFile)(TSX, ['infra/local/migrate.ts', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: {
      ...process.env,
      DYNAMODB_ENDPOINT: await dynamoEndpointOfThisFile(),
      TABLE_NAME: table.name,
      POWERTOOLS_LOG_LEVEL: 'WARN',
      LOG_LEVEL: 'WARN',
    },
  });
  return stdout;
}

describe('npm run migrate', () => {
  let table: Table;

  beforeAll(async () => {
    table = await createTestTable();
    await givenMunicipalities(table);
    // A month item of young people's figures as stored before commit 4eadb06.
    await table.put({
      pk: `MUNI#${ROSKILDE}`,
      sk: 'STATS#YOUTH#MONTH#2026-11',
      entity: 'YouthMonthFigures',
      municipalityCode: ROSKILDE,
      month: '2026-11',
      enrolled: 2,
    });
  });

  it('lists pending migrations, applies them, and finds nothing pending the second time', async () => {
    // Act
    const before = await migrate(table, '--status');
    const first = await migrate(table);
    const second = await migrate(table);
    const after = await migrate(table, '--status');
    // Assess
    expect(before).toContain(`0 applied, ${ALL_MIGRATIONS.length} pending`);
    expect(before).toMatch(/pending {2}0001 {2}people: month items/);
    expect(first).toMatch(/applied {2}0001 {2}1 items/);
    expect(first).toContain(`${ALL_MIGRATIONS.length} applied`);
    expect(second).toContain('nothing pending');
    expect(after).toContain(`${ALL_MIGRATIONS.length} applied, 0 pending`);
    const months = youthMonthsFromItem(await table.get(youthStatsKey(ROSKILDE)));
    expect(months.get('2026-11')?.enrolled).toBe(2);
    // Four processes, each starting tsx: a minute or more on a busy two-core machine.
  }, 120_000);

  it('names the deployed table in AWS only for migrate, given its name and region and no endpoint', () => {
    const aws = { aws: true };
    expect(
      maintenanceTarget({ TABLE_NAME: 'nextwork-dev', AWS_REGION: 'eu-north-1' }, aws),
    ).toEqual({
      kind: 'aws',
      region: 'eu-north-1',
      tableName: 'nextwork-dev',
    });
    expect(maintenanceTarget({ AWS_REGION: 'eu-north-1' }, aws)).toMatchObject({
      kind: 'local-data',
    });
    // A command that does not say it may reach a stage stays local.
    expect(
      maintenanceTarget({ TABLE_NAME: 'nextwork-dev', AWS_REGION: 'eu-north-1' }),
    ).toMatchObject({ kind: 'local-data', tableName: 'nextwork-dev' });
    expect(
      maintenanceTarget({
        TABLE_NAME: 't',
        AWS_REGION: 'eu-north-1',
        DYNAMODB_ENDPOINT: 'http://x',
      }),
    ).toEqual({ kind: 'endpoint', endpoint: 'http://x', tableName: 't' });
    expect(maintenanceTarget({})).toEqual({
      kind: 'local-data',
      path: join('.data', 'dynamodb'),
      tableName: 'nextwork',
    });
  });
});
