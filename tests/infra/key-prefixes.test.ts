import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AttributeType, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '#infra/config/bundling';
import {
  GATEWAY_KEY_PREFIXES,
  KEY_PREFIXES,
  type KeyPrefixGrant,
} from '#infra/config/key-prefixes';
import { grantTableAccess } from '#infra/constructs/table-access';
import { buildDemoWorld, type DemoWorld } from '#infra/local/seed/demo-world';
import { PREFIX } from '#kernel/keys';
import type { Table } from '#kernel/table/table';
import { SUBGRAPHS, type SubgraphName } from '#schema/subgraphs';
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
      const table = await createTestTable();
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

  it.each([
    ...SUBGRAPHS.map(({ name }) => [name, KEY_PREFIXES[name]] as const),
    ['gateway', GATEWAY_KEY_PREFIXES] as const,
  ])('let %s only append to the audit trail (PutItem on AUDIT#*, nothing else)', (_name, grant) => {
    // Prepare
    const statements = policyStatementsOf(grant);
    // Act: every statement whose LeadingKeys admit AUDIT#…
    const onAudit = statements.filter((statement) =>
      leadingKeysOf(statement).some((pattern) => pattern.startsWith(`${PREFIX.audit}#`)),
    );
    const writesOnAudit = onAudit.filter((statement) =>
      actionsOf(statement).some((action) => /PutItem|UpdateItem|DeleteItem/.test(action)),
    );
    // Assess: one statement writes there, and it only puts.
    expect(writesOnAudit).toHaveLength(1);
    expect(actionsOf(writesOnAudit[0] ?? {})).toEqual(['dynamodb:PutItem']);
    expect(grant.write).not.toContain(PREFIX.audit);
  });

  it('let only people (the data protection officer) read the audit trail', () => {
    // Act
    const readers = SUBGRAPHS.map(({ name }) => name).filter((name) =>
      KEY_PREFIXES[name].read.includes(PREFIX.audit),
    );
    // Assess
    expect(readers).toEqual(['people']);
    // The gateway reads only the key of its health report (`gateway/health.ts`).
    expect(GATEWAY_KEY_PREFIXES.read).toEqual([PREFIX.health]);
    expect(GATEWAY_KEY_PREFIXES.write).toEqual([]);
  });
});

type Statement = {
  Action?: string | string[];
  Condition?: Record<string, Record<string, unknown>>;
};

/** The IAM statements `grantTableAccess` gives a role for a grant. */
function policyStatementsOf(grant: KeyPrefixGrant): Statement[] {
  const stack = new Stack();
  const key = new Key(stack, 'Key');
  const table = new TableV2(stack, 'Table', {
    partitionKey: { name: 'pk', type: AttributeType.STRING },
    sortKey: { name: 'sk', type: AttributeType.STRING },
  });
  const role = new Role(stack, 'Role', { assumedBy: new ServicePrincipal('lambda.amazonaws.com') });
  grantTableAccess(role, table, key, grant);
  const policies = Template.fromStack(stack).findResources('AWS::IAM::Policy');
  return Object.values(policies).flatMap(
    (policy) =>
      (policy as { Properties: { PolicyDocument: { Statement: Statement[] } } }).Properties
        .PolicyDocument.Statement,
  );
}

function actionsOf(statement: Statement): string[] {
  const action = statement.Action ?? [];
  return Array.isArray(action) ? action : [action];
}

function leadingKeysOf(statement: Statement): string[] {
  const keys = statement.Condition?.['ForAllValues:StringLike']?.['dynamodb:LeadingKeys'];
  if (!keys) return [];
  return Array.isArray(keys) ? (keys as string[]) : [String(keys)];
}
