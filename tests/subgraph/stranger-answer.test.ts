import { parse } from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { AUDIT_KEYS } from '#kernel/audit';
import { guardedByParent } from '#kernel/common-rules';
import { NotFoundError } from '#kernel/errors';
import { fieldRule, type SubgraphRules } from '#kernel/field-rules';
import { isStaffRole } from '#kernel/identity';
import { createSubgraphServer } from '#kernel/subgraph-server';
import type { Item, Table } from '#kernel/table/table';
import { testContext } from '../support/context.ts';
import { errorCodes, execute } from '../support/execute.ts';
import { programmeIdentity, staffIdentity } from '../support/identities.ts';
import { createTestTable } from '../support/table.ts';

/**
 * Issue 18, class 7, in the kernel alone: a root field whose rule refuses the record its
 * arguments name answers a stranger as it answers an id of nothing, audits the attempt as
 * `REFUSED`, and keeps `FORBIDDEN` for a caller refused whatever the id.
 */

/** Roskilde's records; every other id names nothing. */
const RECORDS: Readonly<Record<string, string>> = { 'case-265': '265', 'other-265': '265' };

const typeDefs = parse(`
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
  type Case { id: ID! }
  input CloseCaseInput { caseId: ID! relatedId: ID idempotencyKey: ID }
  type CloseCasePayload { closed: ID errors: [String!]! }
  type Query { case(id: ID!): Case caseOrFail(id: ID!): Case }
  type Mutation { closeCase(input: CloseCaseInput!): CloseCasePayload! }
`);

/** The team of a record's municipality; any staff member for an id of nothing; no one else. */
const ownTeam = (id: unknown, identity: { role: string; municipalityCode?: string }) => {
  if (!isStaffRole(identity.role as never)) return false;
  const municipality = typeof id === 'string' ? RECORDS[id] : undefined;
  return municipality === undefined || municipality === identity.municipalityCode;
};

const rules: SubgraphRules = {
  types: {
    Case: { id: guardedByParent('Query.case') },
    CloseCasePayload: { closed: guardedByParent('Mutation'), errors: guardedByParent('Mutation') },
    Query: {
      case: fieldRule('ownTeam', (identity, _p, _c, args) => ownTeam(args.id, identity)),
      caseOrFail: fieldRule('ownTeam', (identity, _p, _c, args) => ownTeam(args.id, identity)),
    },
    Mutation: {
      closeCase: fieldRule('ownTeamOfBoth', (identity, _p, _c, args) => {
        const input = args.input as { caseId?: unknown; relatedId?: unknown };
        return ownTeam(input.caseId, identity) && ownTeam(input.relatedId, identity);
      }),
    },
  },
};

const server = createSubgraphServer({
  name: 'stranger-test',
  typeDefs,
  resolvers: {
    Query: {
      case: (_: unknown, args: { id: string }) => (RECORDS[args.id] ? { id: args.id } : null),
      caseOrFail: (_: unknown, args: { id: string }) => {
        if (!RECORDS[args.id]) throw new NotFoundError(`There is no case ${args.id}`);
        return { id: args.id };
      },
    },
    Mutation: {
      closeCase: (_: unknown, args: { input: { caseId: string; relatedId?: string } }) => {
        const { caseId, relatedId } = args.input;
        if (!RECORDS[caseId]) return { closed: null, errors: [`CASE_NOT_FOUND ${caseId}`] };
        if (relatedId && !RECORDS[relatedId]) {
          return { closed: null, errors: [`RELATED_NOT_FOUND ${relatedId}`] };
        }
        return { closed: caseId, errors: [] };
      },
    },
  },
  rules,
});

describe('kernel: a stranger to a record hears what an id of nothing hears', () => {
  let table: Table;

  async function refusalsOf(municipalityCode: string): Promise<Item[]> {
    return table.queryAll({
      index: 'gsi1',
      partition: AUDIT_KEYS.refusedPartition(municipalityCode),
    });
  }

  beforeAll(async () => {
    table = await createTestTable();
  });

  it.each([
    ['a null', 'query ($id: ID!) { case(id: $id) { id } }'],
    ['a NOT_FOUND naming the id sent', 'query ($id: ID!) { caseOrFail(id: $id) { id } }'],
  ])(
    'answers another team’s record as an unknown one (%s), and audits it REFUSED',
    async (_what, query) => {
      // Prepare
      const kobenhavn = staffIdentity('101');
      // Act
      const real = await execute(server, testContext(table, kobenhavn), query, { id: 'case-265' });
      const nothing = await execute(server, testContext(table, kobenhavn), query, {
        id: 'case-nothing',
      });
      // Assess
      expect(JSON.stringify(real).replaceAll('case-265', 'ID')).toBe(
        JSON.stringify(nothing).replaceAll('case-nothing', 'ID'),
      );
      expect(errorCodes(real)).not.toContain('FORBIDDEN');
      const refusals = await refusalsOf('101');
      expect(refusals.map((item) => item.reason)).toContain(
        'NOT_FOUND: rule ownTeam (answered as an id of nothing)',
      );
    },
  );

  it('stands in for the one id the caller may not see, the others as sent', async () => {
    // Prepare
    const kobenhavn = staffIdentity('101');
    const mutation = `mutation ($input: CloseCaseInput!) { closeCase(input: $input) { closed errors } }`;
    // Act: the case is Roskilde's, the related id names nothing
    const real = await execute(server, testContext(table, kobenhavn), mutation, {
      input: { caseId: 'case-265', relatedId: 'rel-nothing' },
    });
    const nothing = await execute(server, testContext(table, kobenhavn), mutation, {
      input: { caseId: 'case-nothing', relatedId: 'rel-nothing' },
    });
    // Assess
    expect(real.data).toEqual({ closeCase: { closed: null, errors: ['CASE_NOT_FOUND case-265'] } });
    expect(nothing.data).toEqual({
      closeCase: { closed: null, errors: ['CASE_NOT_FOUND case-nothing'] },
    });
  });

  it('keeps FORBIDDEN for a caller refused whatever the id, and answers the own team', async () => {
    // Act
    const programme = await execute(
      server,
      testContext(table, programmeIdentity()),
      'query ($id: ID!) { case(id: $id) { id } }',
      { id: 'case-265' },
    );
    const own = await execute(
      server,
      testContext(table, staffIdentity('265')),
      'query ($id: ID!) { case(id: $id) { id } }',
      { id: 'case-265' },
    );
    // Assess
    expect(errorCodes(programme)).toEqual(['FORBIDDEN']);
    expect(own).toEqual({ data: { case: { id: 'case-265' } } });
  });
});
