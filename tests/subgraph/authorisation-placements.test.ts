import { beforeAll, describe, expect, it } from 'vitest';
import { AUDIT_KEYS } from '#kernel/audit';
import type { Table } from '#kernel/table/table';
import { server } from '#placements/server';
import { testContext } from '../support/context.ts';
import { errorCodes, execute } from '../support/execute.ts';
import {
  companyContactIdentity,
  programmeIdentity,
  staffIdentity,
  youthIdentity,
} from '../support/identities.ts';
import {
  aHost,
  aPlacement,
  entitiesQuery,
  givenHosts,
  givenPlacements,
  givenYoungPeople,
  givenYouthCompanyLink,
  representation,
} from '../support/placements-factories.ts';
import { createTestTable } from '../support/table.ts';

describe('placements subgraph: rules per field on every path', () => {
  let table: Table;
  const placement = aPlacement({
    id: 'p-auth',
    youthId: 'y-auth-1',
    companyId: 'c-auth-1',
    learningReflection: {
      whatHappened: 'Mødetiderne passede ikke',
      whatWasLearned: 'At sige til i tide',
      whatNext: 'Ny praktik',
    },
  });

  beforeAll(async () => {
    table = await createTestTable();
    await givenYoungPeople(table, '265', ['y-auth-1'], 'IN_PLACEMENT');
    await givenHosts(table, aHost('c-auth-1', '265'), aHost('c-auth-2', '265'));
    await givenYouthCompanyLink(table, 'y-auth-1', 'c-auth-1', ['PLACEMENT#p-auth']);
    await givenPlacements(table, [placement]);
  });

  it("refuses the host company's contact the learning reflection, nested in the placement", async () => {
    // Act
    const result = await execute(
      server,
      testContext(table, companyContactIdentity('c-auth-1')),
      'query ($id: ID!) { placement(id: $id) { id learningReflection { whatHappened } } }',
      { id: 'p-auth' },
    );
    // Assess
    expect(result.data?.placement).toEqual({ id: 'p-auth', learningReflection: null });
    expect(errorCodes(result)).toEqual(['FORBIDDEN']);
    expect(JSON.stringify(result)).not.toContain('Mødetiderne');
  });

  it('refuses another company, another young person and another municipality the placement via _entities', async () => {
    for (const identity of [
      companyContactIdentity('c-auth-2'),
      youthIdentity('265', 'y-someone-else'),
      staffIdentity('101'),
      programmeIdentity(),
    ]) {
      // Act
      const result = await execute(
        server,
        testContext(table, identity),
        entitiesQuery('Placement', 'id status plan { goals }'),
        { representations: [representation('Placement', 'p-auth')] },
      );
      // Assess
      expect(result.data?._entities).toEqual([null]);
      expect(errorCodes(result)).toEqual(['FORBIDDEN']);
    }
    // The reference's rule decides on the placement it resolves to, so each refusal is in the
    // young person's own trail, by target.
    const trail = await table.queryAll({ partition: AUDIT_KEYS.youthPartition('y-auth-1') });
    const refused = trail.filter(
      (item) => item.action === 'REFUSED' && item.target === 'Placement.__resolveReference',
    );
    expect(refused.map((item) => item.role).sort()).toEqual([
      'COMPANY_CONTACT',
      'NETWORK_CONSULTANT',
      'PROGRAMME',
      'YOUTH',
    ]);
  });

  it("refuses a company contact a young person's placements list through the Youth entity", async () => {
    // Act
    const result = await execute(
      server,
      testContext(table, companyContactIdentity('c-auth-1')),
      entitiesQuery('Youth', 'placements { edges { node { id } } }'),
      { representations: [representation('Youth', 'y-auth-1')] },
    );
    // Assess
    expect(result.data?._entities).toEqual([null]);
    expect(errorCodes(result)).toEqual(['FORBIDDEN']);
  });

  it("audits the team's read of a young person's placement plan", async () => {
    // Act
    const result = await execute(
      server,
      testContext(table, staffIdentity('265')),
      'query ($id: ID!) { placement(id: $id) { plan { goals } outcome { kind } } }',
      { id: 'p-auth' },
    );
    // Assess
    expect(result.errors).toBeUndefined();
    const reads = (
      await table.queryAll({ partition: AUDIT_KEYS.youthPartition('y-auth-1') })
    ).filter((item) => item.action === 'READ');
    expect(reads).toHaveLength(1);
    expect(reads[0]).toMatchObject({ role: 'NETWORK_CONSULTANT', municipalityCode: '265' });
  });
});
