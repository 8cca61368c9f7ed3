import { randomUUID } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mintDevToken } from '#infra/local/dev-issuer';
import { startLocalStack } from '#infra/local/local-stack';
import { ALL_MIGRATIONS } from '#infra/migrations/all-migrations';
import { migrationStatus } from '#kernel/migrations/runner';
import { createDynamoClient } from '#kernel/table/client';
import { ensureTable } from '#kernel/table/create-table';
import { Table } from '#kernel/table/table';
import { saveMunicipalities } from '#people/repository/municipality-repository';
import { dynamoEndpointOfThisFile } from '../support/file-dynamodb.ts';

describe('npm start on data from an earlier version', () => {
  it('applies the pending migrations before it serves', async () => {
    // Prepare: a table as an earlier version left it, a month of figures in its own item.
    const endpoint = await dynamoEndpointOfThisFile();
    const tableName = `e2e-${randomUUID()}`;
    const client = createDynamoClient(endpoint);
    await ensureTable(client, tableName);
    const table = new Table(client, tableName);
    await saveMunicipalities(table, [{ code: '265', name: 'Roskilde' }]);
    await table.put({
      pk: 'MUNI#265',
      sk: 'STATS#YOUTH#MONTH#2026-11',
      entity: 'YouthMonthFigures',
      municipalityCode: '265',
      month: '2026-11',
      enrolled: 10,
    });
    const progress: string[] = [];
    // Act
    const stack = await startLocalStack({
      dataDir: await mkdtemp(join(tmpdir(), 'nextwork-migrate-')),
      port: 0,
      dynamoEndpoint: endpoint,
      tableName,
      stage: 'dev',
      seed: true,
      onProgress: (message) => progress.push(message),
    });
    try {
      const token = await mintDevToken(stack.keys, { role: 'PROGRAMME' });
      const response = await fetch(stack.gatewayUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({
          query:
            '{ municipality(code: "265") { youthStats(from: "2026-11-01", to: "2026-11-30") { enrolledInPeriod } } }',
        }),
      });
      // Assess
      expect(await response.json()).toEqual({
        data: { municipality: { youthStats: { enrolledInPeriod: 10 } } },
      });
      expect(progress).toContain(
        'migration 0001 applied (1 items): people: month items of young people’s figures folded into the counter item',
      );
      expect((await migrationStatus(table, ALL_MIGRATIONS)).pending).toEqual([]);
      expect(await table.get({ pk: 'MUNI#265', sk: 'STATS#YOUTH#MONTH#2026-11' })).toBeUndefined();
    } finally {
      await stack.stop();
      client.destroy();
    }
  }, 120_000);
});
