import { parse } from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  AUDIT_KEYS,
  AuditWriteError,
  createAuditTrail,
  DEFAULT_AUDIT_RETENTION_DAYS,
} from '#kernel/audit';
import { signedIn } from '#kernel/common-rules';
import { fieldRule, personal, REFERENCE, type SubgraphRules } from '#kernel/field-rules';
import { createSubgraphServer } from '#kernel/subgraph-server';
import { type Item, Table } from '#kernel/table/table';
import { testContext } from '../support/context.ts';
import { errorCodes, execute } from '../support/execute.ts';
import { staffIdentity } from '../support/identities.ts';
import { createTestTable } from '../support/table.ts';

/** A small subgraph that exercises the kernel's rule layer on its own. */
const typeDefs = parse(`
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
  type Person @key(fields: "id") { id: ID! name: String secret: String unruled: String }
  type Query { person(id: ID!): Person people(count: Int!): [Person!]! }
`);

const person = (id: string) => ({ id, name: `Name of ${id}`, secret: 'S', unruled: 'U' });

const rules: SubgraphRules = {
  types: {
    Person: {
      id: signedIn,
      name: personal(signedIn),
      secret: fieldRule('nobody', () => false),
      [REFERENCE]: fieldRule(
        'notP2',
        (_identity, resolved: { id: string }) => resolved.id !== 'p2',
      ),
    },
    Query: { person: signedIn, people: signedIn },
  },
  subjects: {
    Person: (parent: { id: string }) => ({ youthId: parent.id, municipalityCode: '265' }),
  },
};

const server = createSubgraphServer({
  name: 'kernel-test',
  typeDefs,
  resolvers: {
    Query: {
      person: (_: unknown, args: { id: string }) => person(args.id),
      people: (_: unknown, args: { count: number }) =>
        Array.from({ length: args.count }, (_unused, i) => person(`bulk-${i}`)),
    },
    Person: { __resolveReference: (reference: { id: string }) => person(reference.id) },
  },
  rules,
});

describe('kernel: rules per field and the audit trail', () => {
  let table: Table;

  async function trailOf(youthId: string): Promise<Item[]> {
    return table.queryAll({ partition: AUDIT_KEYS.youthPartition(youthId) });
  }

  beforeAll(async () => {
    table = await createTestTable();
  });

  it('refuses a field that has no rule (fail closed) and audits the refusal', async () => {
    // Act
    const result = await execute(
      server,
      testContext(table, staffIdentity('265')),
      '{ person(id: "p-unruled") { id unruled } }',
    );
    // Assess
    expect(result.data?.person).toEqual({ id: 'p-unruled', unruled: null });
    expect(errorCodes(result)).toEqual(['FORBIDDEN']);
    const [refusal] = await trailOf('p-unruled');
    expect(refusal).toMatchObject({ action: 'REFUSED', target: 'Person.unruled' });
    expect(refusal?.reason).toBe('FORBIDDEN: rule none');
  });

  it('refuses a field whose rule says no, as null with FORBIDDEN', async () => {
    // Act
    const result = await execute(
      server,
      testContext(table, staffIdentity('265')),
      '{ person(id: "p-secret") { id secret } }',
    );
    // Assess
    expect(result.data?.person).toEqual({ id: 'p-secret', secret: null });
    expect(errorCodes(result)).toEqual(['FORBIDDEN']);
    expect(JSON.stringify(result)).not.toContain('"S"');
  });

  it('checks the reference rule on the entity a representation resolves to', async () => {
    // Act
    const result = await execute(
      server,
      testContext(table, staffIdentity('265')),
      `query ($representations: [_Any!]!) { _entities(representations: $representations) {
        ... on Person { id }
      } }`,
      {
        representations: [
          { __typename: 'Person', id: 'p1' },
          { __typename: 'Person', id: 'p2' },
        ],
      },
    );
    // Assess
    expect(result.data?._entities).toEqual([{ id: 'p1' }, null]);
    expect(errorCodes(result)).toEqual(['FORBIDDEN']);
    expect((await trailOf('p2')).map((item) => item.target)).toEqual(['Person.__resolveReference']);
  });

  it('writes 150 reads of 150 young people in batches, append-only, with their expiry', async () => {
    // Act
    const result = await execute(
      server,
      testContext(table, staffIdentity('265')),
      '{ people(count: 150) { id name } }',
    );
    // Assess
    expect(result.errors).toBeUndefined();
    const trails = await Promise.all(
      Array.from({ length: 150 }, (_unused, i) => trailOf(`bulk-${i}`)),
    );
    expect(trails.every((trail) => trail.length === 1 && trail[0]?.action === 'READ')).toBe(true);
    const expected =
      Date.parse('2026-11-26T10:00:00Z') / 1000 + DEFAULT_AUDIT_RETENTION_DAYS * 86_400;
    expect(trails[0]?.[0]?.expiresAt).toBe(expected);
  });

  it('never overwrites a record: the same event twice is two items', async () => {
    // Prepare
    const trail = createAuditTrail({
      table,
      who: { subject: 'sub-x', role: 'NETWORK_CONSULTANT' },
      correlationId: 'c',
      now: () => new Date('2026-11-26T10:00:00Z'),
      retentionDays: 30,
    });
    // Act
    trail.record({ action: 'CHANGE', target: 'Mutation.x', youthId: 'p-twice' });
    trail.record({ action: 'CHANGE', target: 'Mutation.x', youthId: 'p-twice' });
    await trail.flush();
    // Assess
    const items = await trailOf('p-twice');
    expect(items).toHaveLength(2);
    expect(items[0]?.expiresAt).toBe(Date.parse('2026-11-26T10:00:00Z') / 1000 + 30 * 86_400);
  });

  it('fails every later flush of a trail whose write failed, and waits for writes in flight', async () => {
    // Prepare: two operations of one batched call share a trail; the first flush takes both
    // operations' events, and its write fails.
    const trail = createAuditTrail({
      table: new Table(table.client, 'no-such-table'),
      who: { subject: 'sub-x', role: 'NETWORK_CONSULTANT' },
      correlationId: 'c',
      now: () => new Date(),
      retentionDays: 30,
    });
    trail.record({ action: 'READ', target: 'Query.person', youthId: 'p-first' });
    trail.record({ action: 'READ', target: 'Query.person', youthId: 'p-second' });
    // Act
    const [first, second] = await Promise.allSettled([trail.flush(), trail.flush()]);
    // Assess: the second operation, with nothing left of its own to write, fails all the same.
    expect(first).toMatchObject({ status: 'rejected', reason: expect.any(AuditWriteError) });
    expect(second).toMatchObject({ status: 'rejected', reason: expect.any(AuditWriteError) });
    await expect(trail.flush()).rejects.toBeInstanceOf(AuditWriteError);
  });

  it('withholds the data when the audit trail cannot be written', async () => {
    // Prepare: a context whose table does not exist, so the audit write fails.
    const broken = new Table(table.client, 'no-such-table');
    const context = { ...testContext(table, staffIdentity('265')) };
    context.audit = createAuditTrail({
      table: broken,
      who: { subject: 'sub-x', role: 'NETWORK_CONSULTANT' },
      correlationId: 'c',
      now: () => new Date(),
      retentionDays: 30,
    });
    // Act
    const result = await execute(server, context, '{ person(id: "p-unaudited") { id name } }');
    // Assess: no personal data leaves an unaudited read.
    expect(result.data).toBeNull();
    expect(errorCodes(result)).toEqual(['INTERNAL_SERVER_ERROR']);
    expect(JSON.stringify(result)).not.toContain('Name of');
  });
});
