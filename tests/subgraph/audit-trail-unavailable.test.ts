import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUDIT_KEYS, createAuditTrail } from '#kernel/audit';
import { signedIn } from '#kernel/common-rules';
import type { SubgraphContext } from '#kernel/context';
import { personal, type SubgraphRules } from '#kernel/field-rules';
import { createSubgraphServer } from '#kernel/subgraph-server';
import { createDynamoClient } from '#kernel/table/client';
import { Table } from '#kernel/table/table';
import { testContext } from '../support/context.ts';
import { captureEmf } from '../support/emf.ts';
import { errorCodes, execute } from '../support/execute.ts';
import { type FaultProxy, type FaultRule, startFaultProxy } from '../support/fault-proxy.ts';
import { dynamoEndpointOfThisFile } from '../support/file-dynamodb.ts';
import { staffIdentity } from '../support/identities.ts';
import { createTestTable } from '../support/table.ts';

/** A small subgraph whose answers read personal data, so that each one writes a READ record. */
const typeDefs = parse(`
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
  type Person @key(fields: "id") { id: ID! name: String }
  type Query { person(id: ID!): Person }
  type Mutation { touchPerson(id: ID!): Person }
`);

const person = (id: string) => ({ id, name: `Name of ${id}` });

const rules: SubgraphRules = {
  types: {
    Person: { id: signedIn, name: personal(signedIn) },
    Query: { person: signedIn },
    Mutation: { touchPerson: signedIn },
  },
  subjects: { Person: (parent: { id: string }) => ({ youthId: parent.id }) },
};

const server = createSubgraphServer({
  name: 'audit-unavailable-test',
  typeDefs,
  resolvers: {
    Query: { person: (_: unknown, args: { id: string }) => person(args.id) },
    Mutation: { touchPerson: (_: unknown, args: { id: string }) => person(args.id) },
    Person: { __resolveReference: (reference: { id: string }) => person(reference.id) },
  },
  rules,
});

/**
 * A response whose audit trail cannot be written carries no data; when that is because
 * DynamoDB throttled or did not answer, the client is told what it can do about it (issue 16,
 * §3): send a query again (`TEMPORARILY_UNAVAILABLE`), send a mutation again with its key
 * (`OUTCOME_UNKNOWN`, for its change may have committed), rather than `INTERNAL_SERVER_ERROR`.
 * A record whose write lost its answer but is there is written: the answer is given.
 */
describe('a response whose audit trail DynamoDB did not take', () => {
  let table: Table;
  let proxy: FaultProxy;

  /**
   * A request context whose audit trail writes through the proxy.
   *
   * @param maxAttempts - the SDK's attempts a call @default 1
   */
  function contextWithTrailThroughProxy(maxAttempts = 1): SubgraphContext {
    const context = testContext(table, staffIdentity('265'));
    const client = createDynamoClient(proxy.url, {
      maxAttempts,
      connectionTimeoutMs: 1_000,
      requestTimeoutMs: 10_000,
    });
    context.audit = createAuditTrail({
      table: new Table(client, table.name),
      who: { subject: 'sub-x', role: 'NETWORK_CONSULTANT' },
      correlationId: 'c',
      now: () => new Date(),
      retentionDays: 30,
    });
    return context;
  }

  function faults(rules: FaultRule[]) {
    proxy.setRules(rules);
    proxy.resetCounts();
  }

  beforeAll(async () => {
    table = await createTestTable();
    proxy = await startFaultProxy({ target: await dynamoEndpointOfThisFile() });
  });

  afterAll(async () => {
    await proxy?.stop();
  });

  it('answers a query TEMPORARILY_UNAVAILABLE, without its data, when the READ record was throttled', async () => {
    // Prepare
    faults([{ kind: 'throttled', rate: 1, operations: ['PutItem'] }]);
    // Act
    const result = await execute(
      server,
      contextWithTrailThroughProxy(),
      '{ person(id: "p-throttled") { id name } }',
    );
    // Assess
    expect(result.data).toBeNull();
    expect(errorCodes(result)).toEqual(['TEMPORARILY_UNAVAILABLE']);
    expect(result.errors?.[0]?.extensions?.retryable).toBe(true);
    expect(JSON.stringify(result)).not.toContain('Name of');
    expect(proxy.counts('PutItem')).toMatchObject({ requests: 1, throttled: 1 });
  });

  it('counts a response withheld for want of its audit record, by operation type', async () => {
    // Prepare
    faults([{ kind: 'throttled', rate: 1, operations: ['PutItem'] }]);
    const emf = captureEmf();
    // Act
    const result = await execute(
      server,
      contextWithTrailThroughProxy(),
      '{ person(id: "p-withheld") { id name } }',
    );
    emf.restore();
    // Assess
    expect(result.data).toBeNull();
    expect(emf.metric('ResponsesWithheld')).toEqual([
      expect.objectContaining({ namespace: 'NEXTWORK', operation: 'query', value: 1 }),
    ]);
  });

  it('answers a query TEMPORARILY_UNAVAILABLE when the write of its READ record lost its connection and the record is not there', async () => {
    // Prepare
    faults([{ kind: 'droppedBeforeForward', rate: 1, operations: ['PutItem'] }]);
    // Act
    const result = await execute(
      server,
      contextWithTrailThroughProxy(),
      '{ person(id: "p-lost") { id name } }',
    );
    // Assess
    expect(result.data).toBeNull();
    expect(errorCodes(result)).toEqual(['TEMPORARILY_UNAVAILABLE']);
    expect(proxy.counts('PutItem')).toMatchObject({ requests: 1, forwarded: 0 });
  });

  it('answers with the data when the READ record was written on an attempt whose answer was lost, and its retry found it there', async () => {
    // Prepare
    faults([{ kind: 'appliedThenDropped', rate: 1, limit: 1, operations: ['PutItem'] }]);
    // Act
    const result = await execute(
      server,
      contextWithTrailThroughProxy(3),
      '{ person(id: "p-found") { id name } }',
    );
    // Assess
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ person: { id: 'p-found', name: 'Name of p-found' } });
    expect(proxy.counts('PutItem')).toMatchObject({ requests: 2, forwarded: 2 });
    expect(await table.queryAll({ partition: AUDIT_KEYS.youthPartition('p-found') })).toEqual([
      expect.objectContaining({ action: 'READ', target: 'Person.name' }),
    ]);
  });

  it('answers a mutation OUTCOME_UNKNOWN, without its data, when its READ record was throttled: its change may stand', async () => {
    // Prepare
    faults([{ kind: 'throttled', rate: 1, operations: ['PutItem'] }]);
    // Act
    const result = await execute(
      server,
      contextWithTrailThroughProxy(),
      'mutation { touchPerson(id: "p-touched") { id name } }',
    );
    // Assess
    expect(result.data).toBeNull();
    expect(errorCodes(result)).toEqual(['OUTCOME_UNKNOWN']);
    expect(result.errors?.[0]?.extensions?.retryable).toBe(true);
    expect(JSON.stringify(result)).not.toContain('Name of');
  });
});
