import { parse } from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  AUDIT_KEYS,
  type AuditRecord,
  auditRecordFromItem,
  createAuditTrail,
  PROGRAMME_WIDE_REFUSALS,
} from '#kernel/audit';
import { anyRole, signedIn } from '#kernel/common-rules';
import type { SubgraphContext } from '#kernel/context';
import { personal, type SubgraphRules } from '#kernel/field-rules';
import type { Identity } from '#kernel/identity';
import { createSubgraphServer } from '#kernel/subgraph-server';
import type { Table } from '#kernel/table/table';
import { testContext } from '../support/context.ts';
import { errorCodes, execute } from '../support/execute.ts';
import { fixtureId } from '../support/fixture-id.ts';
import { companyContactIdentity, programmeIdentity, staffIdentity } from '../support/identities.ts';
import { createTestTable } from '../support/table.ts';

/**
 * A small subgraph: a person's `name` is personal (a READ record), a person's `secret` is open to
 * the data protection officer only (a REFUSED record for everyone else).
 */
const typeDefs = parse(`
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
  type Person @key(fields: "id") { id: ID! name: String secret: String }
  type Query { person(id: ID!): Person people(ids: [ID!]!): [Person] }
`);

const person = (id: string) => ({ id, name: `Name of ${id}`, secret: `Secret of ${id}` });

const rules: SubgraphRules = {
  types: {
    Person: {
      id: signedIn,
      name: personal(signedIn),
      secret: personal(anyRole('DATA_PROTECTION_OFFICER')),
    },
    Query: { person: signedIn, people: signedIn },
  },
  subjects: {
    Person: (parent: { id: string }) => ({ youthId: parent.id, municipalityCode: '265' }),
  },
};

const server = createSubgraphServer({
  name: 'audit-flooded-test',
  typeDefs,
  resolvers: {
    Query: {
      person: (_: unknown, args: { id: string }) => person(args.id),
      people: (_: unknown, args: { ids: string[] }) => args.ids.map(person),
    },
    Person: { __resolveReference: (reference: { id: string }) => person(reference.id) },
  },
  rules,
});

const DAY = '2026-11-26';

/** The audit trail of a request (issue 18, class 3): nothing dropped, refusals counted. */
describe('an audit trail under a flood of events', () => {
  let table: Table;

  /** A request context whose trail holds at most `maxEvents` records. */
  function contextWithCap(identity: Identity, correlationId: string, maxEvents?: number) {
    const context: SubgraphContext = testContext(table, identity);
    context.audit = createAuditTrail({
      table,
      who: { subject: identity.subject, role: identity.role },
      correlationId,
      now: () => new Date(`${DAY}T10:00:00Z`),
      retentionDays: 30,
      ...(maxEvents ? { maxEvents } : {}),
    });
    return context;
  }

  /** Every record of a request: the day's shards, and the trails of the young people named. */
  async function recordsOf(correlationId: string, youthIds: string[]): Promise<AuditRecord[]> {
    const partitions = [
      ...AUDIT_KEYS.dayPartitions(DAY),
      ...youthIds.map((id) => AUDIT_KEYS.youthPartition(id)),
    ];
    const items = (
      await Promise.all(partitions.map((partition) => table.queryAll({ partition })))
    ).flat();
    return items
      .map(auditRecordFromItem)
      .filter((record) => record.correlationId === correlationId);
  }

  beforeAll(async () => {
    table = await createTestTable();
  });

  it('withholds the whole answer, TOO_MANY_AUDIT_EVENTS, when refusals would push a read past the cap', async () => {
    // Prepare: three refusals of three young people fill a trail of three
    const correlationId = fixtureId('padded');
    const padding = [fixtureId('y'), fixtureId('y'), fixtureId('y')];
    const read = fixtureId('y');
    const query = `{
      ${padding.map((id, i) => `p${i}: person(id: "${id}") { secret }`).join('\n')}
      read: person(id: "${read}") { name }
    }`;
    // Act
    const result = await execute(
      server,
      contextWithCap(staffIdentity('265'), correlationId, 3),
      query,
    );
    // Assess
    expect(result.data).toBeNull();
    expect(errorCodes(result)).toEqual(['TOO_MANY_AUDIT_EVENTS']);
    expect(JSON.stringify(result)).not.toContain('Name of');
    const records = await recordsOf(correlationId, [...padding, read]);
    expect(records.filter((r) => r.action === 'READ')).toEqual([]);
    expect(records.filter((r) => r.action === 'REFUSED').map((r) => r.target)).toEqual(
      expect.arrayContaining([
        'Person.secret',
        'Person.secret',
        'Person.secret',
        'audit:events-per-request',
      ]),
    );
    expect(records.find((r) => r.target === 'audit:events-per-request')?.reason).toContain(
      'TOO_MANY_AUDIT_EVENTS',
    );
  });

  it('reads with its READ record when 1,500 identical refusals pad the request: they are one record', async () => {
    // Prepare: the default cap of 1,000; one young person's secret asked 1,500 times in a list
    const correlationId = fixtureId('identical');
    const target = fixtureId('y');
    const read = fixtureId('y');
    const ids = JSON.stringify(Array.from({ length: 1_500 }, () => target));
    // Act
    const result = await execute(
      server,
      contextWithCap(staffIdentity('265'), correlationId),
      `{ people(ids: ${ids}) { secret } read: person(id: "${read}") { name } }`,
    );
    // Assess
    expect(result.data?.read).toEqual({ name: `Name of ${read}` });
    const records = await recordsOf(correlationId, [target, read]);
    expect(records).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ action: 'READ', target: 'Person.name', youthId: read }),
      ]),
    );
    const refusals = records.filter((r) => r.action === 'REFUSED');
    expect(refusals).toEqual([
      expect.objectContaining({ target: 'Person.secret', youthId: target, count: 1_500 }),
    ]);
  });

  it('keeps refusals apart that differ in young person or reason', async () => {
    // Prepare
    const correlationId = fixtureId('distinct');
    const [one, two] = [fixtureId('y'), fixtureId('y')];
    // Act
    await execute(
      server,
      contextWithCap(staffIdentity('265'), correlationId),
      `{ a: person(id: "${one}") { secret } b: person(id: "${one}") { secret } c: person(id: "${two}") { secret } }`,
    );
    // Assess
    const refusals = (await recordsOf(correlationId, [one, two])).filter(
      (r) => r.action === 'REFUSED',
    );
    expect(refusals.map((r) => [r.youthId, r.count ?? 1]).sort()).toEqual(
      [
        [one, 2],
        [two, 1],
      ].sort(),
    );
  });

  it.each([
    ['the programme office', programmeIdentity()],
    ['a company contact', companyContactIdentity(fixtureId('c'), fixtureId('cc'))],
  ])(
    'lists the refusals of %s, who have no municipality, on the programme-wide list',
    async (_who, identity) => {
      // Prepare
      const correlationId = fixtureId('programme-wide');
      const trail = createAuditTrail({
        table,
        who: { subject: identity.subject, role: identity.role },
        correlationId,
        now: () => new Date(`${DAY}T11:00:00Z`),
        retentionDays: 30,
      });
      // Act
      trail.record({ action: 'REFUSED', target: 'Query.youth', reason: 'FORBIDDEN: rule x' });
      await trail.flush();
      // Assess
      const listed = await table.queryAll({
        index: 'gsi1',
        partition: AUDIT_KEYS.refusedPartition(PROGRAMME_WIDE_REFUSALS),
      });
      expect(listed.map(auditRecordFromItem)).toEqual(
        expect.arrayContaining([expect.objectContaining({ correlationId, role: identity.role })]),
      );
    },
  );

  it('spreads the events of one day that concern no young person over shards, even under one correlation id', async () => {
    // Prepare: 64 requests under the same correlation id, as one caller could send them
    const correlationId = fixtureId('hot');
    // Act
    for (let i = 0; i < 64; i++) {
      const trail = createAuditTrail({
        table,
        who: null,
        correlationId,
        now: () => new Date(`${DAY}T12:00:00Z`),
        retentionDays: 30,
      });
      trail.record({ action: 'REFUSED', target: `gateway:depth`, reason: 'QUERY_TOO_DEEP' });
      await trail.flush();
    }
    // Assess: no shard holds more than a third of them, and every one is found
    const perShard = await Promise.all(
      AUDIT_KEYS.dayPartitions(DAY).map(async (partition) =>
        (await table.queryAll({ partition }))
          .map(auditRecordFromItem)
          .filter((record) => record.correlationId === correlationId),
      ),
    );
    expect(perShard.flat()).toHaveLength(64);
    expect(Math.max(...perShard.map((records) => records.length))).toBeLessThan(64 / 3);
  });

  it('still reads the day partition written before the shards', async () => {
    // Prepare: an item where every such event went before
    const correlationId = fixtureId('old');
    const trail = createAuditTrail({
      table,
      who: null,
      correlationId,
      now: () => new Date(`${DAY}T13:00:00Z`),
      retentionDays: 30,
    });
    const item = trail.itemFor({ action: 'REFUSED', target: 'gateway:token' });
    await table.put({ ...item, pk: `AUDIT#DAY#${DAY}` });
    // Act
    const records = await recordsOf(correlationId, []);
    // Assess
    expect(records).toEqual([expect.objectContaining({ target: 'gateway:token' })]);
  });
});
