import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '#infra/config/bundling';
import { KEY_PREFIXES } from '#infra/config/key-prefixes';
import { buildDemoWorld, type DemoWorld } from '#infra/local/seed/demo-world';
import type { Table } from '#kernel/table/table';
import { SUBGRAPHS, type SubgraphName } from '#schema/subgraphs';
import { useOwnDynamoDb } from '../support/own-dynamodb.ts';
import { createTestTable } from '../support/table.ts';

type Seeder = (table: Table, world: DemoWorld) => Promise<void>;

/** The subgraphs whose demo seeder exists (each subgraph adds `seed-<name>.ts`). */
const seeded = SUBGRAPHS.map(({ name }) => name).filter((name) =>
  existsSync(join(PROJECT_ROOT, 'infra', 'local', 'seed', `seed-${name}.ts`)),
);

async function loadSeeder(name: SubgraphName): Promise<Seeder> {
  const module = (await import(
    join(PROJECT_ROOT, 'infra', 'local', 'seed', `seed-${name}.ts`)
  )) as Record<string, Seeder>;
  const exportName = `seed${name.replace(/(^|-)(\w)/g, (_, __, letter: string) => letter.toUpperCase())}`;
  const seeder = module[exportName];
  if (!seeder) throw new Error(`seed-${name}.ts exports no ${exportName}`);
  return seeder;
}

/** Every partition key in a test table (a scan: test code only). */
async function partitionKeys(table: Table): Promise<string[]> {
  const keys: string[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await table.client.send(
      new ScanCommand({
        TableName: table.name,
        ProjectionExpression: 'pk',
        ...(startKey ? { ExclusiveStartKey: startKey as never } : {}),
      }),
    );
    for (const item of page.Items ?? []) if (item.pk?.S) keys.push(item.pk.S);
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return keys;
}

const ownDynamoDb = useOwnDynamoDb();

describe('key prefixes of the IAM LeadingKeys conditions', () => {
  it('name every subgraph, each with at least one prefix it writes', () => {
    // Prepare
    const names = SUBGRAPHS.map(({ name }) => name).sort();
    // Act
    const configured = Object.keys(KEY_PREFIXES).sort();
    // Assess
    expect(configured).toEqual(names);
    for (const name of names) expect(KEY_PREFIXES[name].write.length).toBeGreaterThan(0);
  });

  it.each(seeded)(
    'cover every item the %s subgraph writes for the demo world',
    async (name) => {
      // Prepare: only this subgraph's part of the world, in a table of its own
      const table = await createTestTable(ownDynamoDb());
      const seed = await loadSeeder(name);
      await seed(table, buildDemoWorld());
      // Act
      const keys = await partitionKeys(table);
      // Assess
      const allowed = KEY_PREFIXES[name].write.map((prefix) => `${prefix}#`);
      const outside = [
        ...new Set(keys.filter((key) => !allowed.some((prefix) => key.startsWith(prefix)))),
      ];
      expect(keys.length).toBeGreaterThan(0);
      expect(outside.slice(0, 10)).toEqual([]);
    },
    120_000,
  );
});
