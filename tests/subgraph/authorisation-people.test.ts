import { beforeAll, describe, expect, it } from 'vitest';
import { AUDIT_KEYS } from '#kernel/audit';
import type { Identity } from '#kernel/identity';
import type { Item, Table } from '#kernel/table/table';
import { server } from '#people/server';
import { testContext } from '../support/context.ts';
import { errorCodes, execute } from '../support/execute.ts';
import {
  companyContactIdentity,
  programmeIdentity,
  staffIdentity,
  youthIdentity,
} from '../support/identities.ts';
import {
  dataProtectionOfficerIdentity,
  givenLink,
  givenMunicipalities,
  givenSharedCompany,
  givenTeam,
  givenYouth,
  KOBENHAVN,
  ROSKILDE,
} from '../support/people-factories.ts';
import { createTestTable } from '../support/table.ts';

const ENTITIES = `query ($representations: [_Any!]!) {
  _entities(representations: $representations) { ... on Youth { id name barriers } }
}`;

const AUDIT_TRAIL = `query ($youthId: ID!, $first: Int, $after: String) {
  auditTrail(youthId: $youthId, first: $first, after: $after) {
    edges { node { at action target youthId municipalityCode reason actorSubject actorRole } }
    pageInfo { hasNextPage endCursor }
  }
}`;

const REFUSED = `query ($from: Date!, $to: Date!) {
  refusedAttempts(from: $from, to: $to) { edges { node { action target youthId reason actorRole } } }
}`;

describe('people subgraph: rules per field on every path, and the audit trail', () => {
  let table: Table;
  const ida = 'y-auth-ida';
  const karl = 'y-auth-karl';

  /** The audit items of a young person, newest first. */
  async function trailOf(youthId: string): Promise<Item[]> {
    return table.queryAll({ partition: AUDIT_KEYS.youthPartition(youthId), forward: false });
  }

  async function run(identity: Identity, query: string, variables?: Record<string, unknown>) {
    return execute(server, testContext(table, identity), query, variables);
  }

  beforeAll(async () => {
    table = await createTestTable();
    await givenMunicipalities(table);
    await givenTeam(table, ROSKILDE);
    await givenTeam(table, KOBENHAVN);
    await givenYouth(table, { id: ida, consultantId: `staff-${ROSKILDE}-1`, barriers: ['Angst'] });
    await givenYouth(table, { id: karl, municipalityCode: KOBENHAVN, name: 'Karl' });
    await givenSharedCompany(table, 'c-auth-linked', ROSKILDE);
    await givenLink(table, ida, 'c-auth-linked');
  });

  describe('refusals', () => {
    it('refuses a linked company contact the barriers through the root field, and audits it', async () => {
      // Act
      const result = await run(
        companyContactIdentity('c-auth-linked'),
        'query ($id: ID!) { youth(id: $id) { name barriers } }',
        { id: ida },
      );
      // Assess: the work profile only; the barriers are null with FORBIDDEN.
      expect(result.data?.youth).toEqual({ name: 'Ida Jensen', barriers: null });
      expect(errorCodes(result)).toEqual(['FORBIDDEN']);
      const refused = (await trailOf(ida)).filter((item) => item.action === 'REFUSED');
      expect(refused.map((item) => item.target)).toContain('Youth.barriers');
      expect(refused[0]).toMatchObject({ role: 'COMPANY_CONTACT', municipalityCode: ROSKILDE });
      expect(String(refused[0]?.reason)).toMatch(/^FORBIDDEN: rule audience\(/);
    });

    it('refuses a linked company contact the barriers through _entities', async () => {
      // Act
      const result = await run(companyContactIdentity('c-auth-linked'), ENTITIES, {
        representations: [{ __typename: 'Youth', id: ida }],
      });
      // Assess: the entity's work profile, its barriers null, no barrier in the response.
      expect(result.data?._entities).toEqual([{ id: ida, name: 'Ida Jensen', barriers: null }]);
      expect(errorCodes(result)).toEqual(['FORBIDDEN']);
      expect(JSON.stringify(result)).not.toContain('Angst');
    });

    it('refuses another young person their peer through _entities, and audits it', async () => {
      // Act
      const result = await run(youthIdentity(ROSKILDE, 'y-someone-else'), ENTITIES, {
        representations: [{ __typename: 'Youth', id: ida }],
      });
      // Assess
      expect(result.data?._entities).toEqual([null]);
      expect(errorCodes(result)).toEqual(['FORBIDDEN']);
      const refused = (await trailOf(ida)).filter(
        (item) => item.action === 'REFUSED' && item.role === 'YOUTH',
      );
      expect(refused.map((item) => item.target)).toContain('Youth.__resolveReference');
    });

    it("answers another municipality's team a young person as an unknown one, and audits it", async () => {
      // Act
      const result = await run(
        staffIdentity(KOBENHAVN),
        'query ($id: ID!) { youth(id: $id) { name } }',
        {
          id: ida,
        },
      );
      // Assess
      expect(result.data?.youth).toBeNull();
      expect(errorCodes(result)).toEqual([]);
      const refused = (await trailOf(ida)).filter((item) => item.role === 'NETWORK_CONSULTANT');
      expect(refused.map((item) => item.target)).toContain('Query.youth');
    });

    it('refuses the programme office the young people of a municipality through a nested field', async () => {
      // Act
      const result = await run(
        programmeIdentity(),
        `{ municipality(code: "${ROSKILDE}") { name youth(first: 5) { edges { node { name } } } } }`,
      );
      // Assess: the listing is non-null, so the municipality goes with it.
      expect(result.data?.municipality).toBeNull();
      expect(errorCodes(result)).toEqual(['FORBIDDEN']);
    });

    it('refuses the anonymous probe every field but the typename', async () => {
      // Act
      const result = await execute(server, testContext(table, null), '{ municipalities { code } }');
      // Assess
      expect(result.data).toBeNull();
      expect(errorCodes(result)).toEqual(['UNAUTHENTICATED']);
    });
  });

  describe('audit of reads and changes', () => {
    it('records one READ per young person and request, however many personal fields are read', async () => {
      // Prepare
      const before = (await trailOf(karl)).length;
      // Act
      const result = await run(
        staffIdentity(KOBENHAVN),
        'query ($id: ID!) { youth(id: $id) { name dateOfBirth contact { phone } barriers } }',
        { id: karl },
      );
      // Assess
      expect(result.errors).toBeUndefined();
      const trail = await trailOf(karl);
      expect(trail).toHaveLength(before + 1);
      expect(trail[0]).toMatchObject({
        action: 'READ',
        youthId: karl,
        municipalityCode: KOBENHAVN,
        role: 'NETWORK_CONSULTANT',
      });
      expect(typeof trail[0]?.expiresAt).toBe('number');
    });

    it('records no READ when young people read their own profile', async () => {
      // Prepare
      const before = (await trailOf(karl)).length;
      // Act
      await run(youthIdentity(KOBENHAVN, karl), 'query ($id: ID!) { youth(id: $id) { name } }', {
        id: karl,
      });
      // Assess
      expect(await trailOf(karl)).toHaveLength(before);
    });

    it('records a CHANGE for a mutation that wrote, with the young person', async () => {
      // Act
      const result = await run(
        staffIdentity(KOBENHAVN),
        `mutation ($input: ChangeYouthStatusInput!) {
          changeYouthStatus(input: $input) { youth { status } errors { code } }
        }`,
        {
          input: {
            youthId: karl,
            expectedVersion: 1,
            status: 'PAUSED',
            date: '2026-11-20',
            reason: 'Sygdom',
          },
        },
      );
      // Assess
      expect(result.errors).toBeUndefined();
      const changes = (await trailOf(karl)).filter((item) => item.action === 'CHANGE');
      expect(changes.map((item) => item.target)).toEqual(['Mutation.changeYouthStatus']);
      expect(JSON.stringify(changes)).not.toContain('Sygdom');
    });

    it('keeps names, contacts and notes out of every audit item', async () => {
      // Act
      const items = [...(await trailOf(ida)), ...(await trailOf(karl))];
      // Assess
      const text = JSON.stringify(items);
      for (const personal of ['Ida', 'Karl', 'Angst', '+45', '@example']) {
        expect(text).not.toContain(personal);
      }
    });
  });

  describe('the data protection officer', () => {
    it("reads the young person's trail, newest first, and the read is audited", async () => {
      // Act
      const result = await run(dataProtectionOfficerIdentity(ROSKILDE), AUDIT_TRAIL, {
        youthId: ida,
        first: 2,
      });
      // Assess
      expect(result.errors).toBeUndefined();
      const connection = result.data?.auditTrail as {
        edges: Array<{ node: { at: string; youthId: string; action: string } }>;
        pageInfo: { hasNextPage: boolean; endCursor: string };
      };
      expect(connection.edges).toHaveLength(2);
      expect(connection.pageInfo.hasNextPage).toBe(true);
      const [first, second] = connection.edges.map((edge) => edge.node);
      expect(first?.youthId).toBe(ida);
      expect((first?.at ?? '') >= (second?.at ?? '')).toBe(true);
      const reads = (await trailOf(ida)).filter(
        (item) => item.action === 'READ' && item.role === 'DATA_PROTECTION_OFFICER',
      );
      expect(reads.map((item) => item.target)).toContain('Query.auditTrail');
    });

    it('pages through the trail with the cursor, and refuses a tampered one', async () => {
      // Prepare
      const page = await run(dataProtectionOfficerIdentity(ROSKILDE), AUDIT_TRAIL, {
        youthId: ida,
        first: 1,
      });
      const connection = page.data?.auditTrail as { pageInfo: { endCursor: string } } | undefined;
      const cursor = connection?.pageInfo.endCursor ?? '';
      // Act
      const next = await run(dataProtectionOfficerIdentity(ROSKILDE), AUDIT_TRAIL, {
        youthId: ida,
        first: 1,
        after: cursor,
      });
      const tampered = await run(dataProtectionOfficerIdentity(ROSKILDE), AUDIT_TRAIL, {
        youthId: ida,
        first: 1,
        after: `${cursor.slice(0, -2)}xx`,
      });
      const otherTrail = await run(dataProtectionOfficerIdentity(ROSKILDE), AUDIT_TRAIL, {
        youthId: 'y-auth-elsewhere',
        first: 1,
        after: cursor,
      });
      // Assess
      expect(next.errors).toBeUndefined();
      expect(errorCodes(tampered)).toEqual(['BAD_USER_INPUT']);
      expect(errorCodes(otherTrail)).toEqual(['BAD_USER_INPUT']);
    });

    it("answers another municipality's officer as for an unknown young person (an empty trail), and audits the attempt", async () => {
      // Act
      const result = await run(dataProtectionOfficerIdentity(KOBENHAVN), AUDIT_TRAIL, {
        youthId: ida,
      });
      // Assess
      expect(result.data).toEqual({
        auditTrail: { edges: [], pageInfo: { endCursor: null, hasNextPage: false } },
      });
      expect(errorCodes(result)).toEqual([]);
      const refused = (await trailOf(ida)).filter(
        (item) => item.action === 'REFUSED' && item.role === 'DATA_PROTECTION_OFFICER',
      );
      expect(refused.map((item) => item.target)).toContain('Query.auditTrail');
    });

    it.each([
      ['a network consultant', staffIdentity(ROSKILDE)],
      ['a team leader', staffIdentity(ROSKILDE, 'TEAM_LEADER', `staff-${ROSKILDE}-leader`)],
      ['a psychologist', staffIdentity(ROSKILDE, 'PSYCHOLOGIST', `staff-${ROSKILDE}-psychologist`)],
      ['the programme office', programmeIdentity()],
      ['the young person themself', youthIdentity(ROSKILDE, ida)],
      ['a company contact', companyContactIdentity('c-auth-linked')],
    ] as Array<[string, Identity]>)(
      'refuses %s the trail and the refused attempts',
      async (_who, identity) => {
        // Act
        const trail = await run(identity, AUDIT_TRAIL, { youthId: ida });
        const refused = await run(identity, REFUSED, { from: '2026-11-01', to: '2026-11-30' });
        // Assess
        expect(trail.data).toBeNull();
        expect(errorCodes(trail)).toEqual(['FORBIDDEN']);
        expect(refused.data).toBeNull();
        expect(errorCodes(refused)).toEqual(['FORBIDDEN']);
      },
    );

    it("lists the refused attempts of a period concerning the officer's municipality", async () => {
      // Act
      const roskilde = await run(dataProtectionOfficerIdentity(ROSKILDE), REFUSED, {
        from: '2026-11-26',
        to: '2026-11-26',
      });
      const earlier = await run(dataProtectionOfficerIdentity(ROSKILDE), REFUSED, {
        from: '2026-10-01',
        to: '2026-10-31',
      });
      // Assess
      expect(roskilde.errors).toBeUndefined();
      const connection = roskilde.data?.refusedAttempts as
        | { edges: Array<{ node: Record<string, unknown> }> }
        | undefined;
      const nodes = (connection?.edges ?? []).map((edge) => edge.node);
      expect(nodes.length).toBeGreaterThan(0);
      expect(nodes.every((node) => node.action === 'REFUSED')).toBe(true);
      expect(nodes.map((node) => node.target)).toContain('Youth.barriers');
      expect(earlier.data?.refusedAttempts).toEqual({ edges: [] });
    });

    it('rejects a period that ends before it starts', async () => {
      // Act
      const result = await run(dataProtectionOfficerIdentity(ROSKILDE), REFUSED, {
        from: '2026-11-30',
        to: '2026-11-01',
      });
      // Assess
      expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    });
  });
});
