import { beforeAll, describe, expect, it } from 'vitest';
import { AUDIT_KEYS, PROGRAMME_WIDE_REFUSALS } from '#kernel/audit';
import { newId } from '#kernel/keys';
import type { Table } from '#kernel/table/table';
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
  givenMunicipalities,
  givenSharedCompany,
  givenTeam,
  givenYouth,
  KOBENHAVN,
  ROSKILDE,
} from '../support/people-factories.ts';
import { createTestTable } from '../support/table.ts';

const CONSULTANT = `staff-${ROSKILDE}-1`;
const STAFF_QUERY = `query ($id: ID!) { staffMember(id: $id) { id name role contact { phone } } }`;
const ME = `{ me {
  role municipality { code } youth { id name } staffMember { id role } companyContact { id }
} }`;

describe('people subgraph: staff, teams and the caller', () => {
  let table: Table;

  beforeAll(async () => {
    table = await createTestTable();
    await givenMunicipalities(table);
    await givenTeam(table, ROSKILDE);
    await givenTeam(table, KOBENHAVN);
    await givenYouth(table, { id: 'y-me', consultantId: CONSULTANT });
    await givenSharedCompany(table, 'c-roskilde', ROSKILDE, ['c-roskilde-contact', 'ct-1']);
  });

  it('lists the team of a municipality, leader first, to the team', async () => {
    // Act
    const result = await execute(
      server,
      testContext(table, staffIdentity(ROSKILDE)),
      `{ municipality(code: "${ROSKILDE}") { team { id role } } }`,
    );
    // Assess
    expect(result.errors).toBeUndefined();
    const { municipality } = result.data as { municipality: { team: Array<{ role: string }> } };
    expect(municipality.team.map((member) => member.role)).toEqual([
      'TEAM_LEADER',
      'NETWORK_CONSULTANT',
      'NETWORK_CONSULTANT',
      'ENTREPRENEUR',
      'PSYCHOLOGIST',
    ]);
  });

  it("shows the team to the municipality's young people and company contacts", async () => {
    // Act
    const byYouth = await execute(
      server,
      testContext(table, youthIdentity(ROSKILDE, 'y-me')),
      `{ municipality(code: "${ROSKILDE}") { team { name } } }`,
    );
    const byCompany = await execute(
      server,
      testContext(table, companyContactIdentity('c-roskilde')),
      `{ municipality(code: "${ROSKILDE}") { team { name } } }`,
    );
    // Assess
    expect(byYouth.errors).toBeUndefined();
    expect(byCompany.errors).toBeUndefined();
  });

  it.each([
    ["another municipality's team", staffIdentity(KOBENHAVN)],
    ['the programme office', programmeIdentity()],
    ['a data protection officer', dataProtectionOfficerIdentity(ROSKILDE)],
  ])('refuses %s the team', async (_who, identity) => {
    // Act
    const result = await execute(
      server,
      testContext(table, identity),
      `{ municipality(code: "${ROSKILDE}") { name team { name } } }`,
    );
    // Assess
    expect(result.data?.municipality).toBeNull();
    expect(errorCodes(result)).toEqual(['FORBIDDEN']);
  });

  it('shows a staff member with their caseload to the team', async () => {
    // Act
    const result = await execute(
      server,
      testContext(table, staffIdentity(ROSKILDE, 'TEAM_LEADER', `staff-${ROSKILDE}-leader`)),
      `query ($id: ID!) { staffMember(id: $id) {
        name role municipality { name } caseload { edges { node { id } } }
      } }`,
      { id: CONSULTANT },
    );
    // Assess
    expect(result.errors).toBeUndefined();
    expect(result.data?.staffMember).toEqual({
      name: `Medarbejder ${CONSULTANT}`,
      role: 'NETWORK_CONSULTANT',
      municipality: { name: 'Roskilde' },
      caseload: { edges: [{ node: { id: 'y-me' } }] },
    });
  });

  it('shows a young person their consultant, but not the caseload', async () => {
    // Act
    const consultant = await execute(
      server,
      testContext(table, youthIdentity(ROSKILDE, 'y-me')),
      STAFF_QUERY,
      { id: CONSULTANT },
    );
    const caseload = await execute(
      server,
      testContext(table, youthIdentity(ROSKILDE, 'y-me')),
      'query ($id: ID!) { staffMember(id: $id) { caseload { edges { node { id } } } } }',
      { id: CONSULTANT },
    );
    // Assess
    expect(consultant.errors).toBeUndefined();
    expect(consultant.data?.staffMember).toMatchObject({ role: 'NETWORK_CONSULTANT' });
    expect(caseload.data?.staffMember).toBeNull();
    expect(errorCodes(caseload)).toEqual(['FORBIDDEN']);
  });

  it.each([
    ["another municipality's team", staffIdentity(KOBENHAVN)],
    ["another municipality's young person", youthIdentity(KOBENHAVN, 'y-elsewhere')],
    ['a contact no longer with the company', companyContactIdentity('c-roskilde', 'ct-gone')],
    ['the programme office', programmeIdentity()],
  ])(
    'refuses %s a staff member: staffMember(id) as an unknown id, _entities FORBIDDEN',
    async (_who, identity) => {
      // Prepare
      const nobody = newId();
      const refusedBefore = (await strangerRefusals()).length;
      // Act
      const root = await execute(server, testContext(table, identity), STAFF_QUERY, {
        id: CONSULTANT,
      });
      const unknown = await execute(server, testContext(table, identity), STAFF_QUERY, {
        id: nobody,
      });
      const entities = await execute(
        server,
        testContext(table, identity),
        `query ($representations: [_Any!]!) {
        _entities(representations: $representations) { ... on StaffMember { name } }
      }`,
        { representations: [{ __typename: 'StaffMember', id: CONSULTANT }] },
      );
      // Assess: every role hears null for an unknown staffMember(id), so the root field answers
      // these strangers that null too, and audits it (#18, class 7); a reference stays refused.
      expect(root.data?.staffMember).toBeNull();
      expect(errorCodes(root)).toEqual([]);
      expect(JSON.stringify(root).replaceAll(CONSULTANT, 'ID')).toBe(
        JSON.stringify(unknown).replaceAll(nobody, 'ID'),
      );
      expect((await strangerRefusals()).length).toBe(refusedBefore + 1);
      expect(entities.data?._entities).toEqual([null]);
      expect(errorCodes(entities)).toEqual(['FORBIDDEN']);
    },
  );

  /** The refusals of `Query.staffMember` answered as an id of nothing (#18, class 7). */
  async function strangerRefusals() {
    const partitions = [ROSKILDE, KOBENHAVN, PROGRAMME_WIDE_REFUSALS].map(
      AUDIT_KEYS.refusedPartition,
    );
    const items = (
      await Promise.all(partitions.map((partition) => table.queryAll({ index: 'gsi1', partition })))
    ).flat();
    return items.filter(
      (item) =>
        item.action === 'REFUSED' &&
        item.target === 'Query.staffMember' &&
        String(item.reason).endsWith('(answered as an id of nothing)'),
    );
  }

  it('tells a young person who they are', async () => {
    // Act
    const result = await execute(server, testContext(table, youthIdentity(ROSKILDE, 'y-me')), ME);
    // Assess
    expect(result.errors).toBeUndefined();
    expect(result.data?.me).toEqual({
      role: 'YOUTH',
      municipality: { code: ROSKILDE },
      youth: { id: 'y-me', name: 'Ida Jensen' },
      staffMember: null,
      companyContact: null,
    });
  });

  it.each(['NETWORK_CONSULTANT', 'TEAM_LEADER', 'ENTREPRENEUR', 'PSYCHOLOGIST'] as const)(
    'tells a %s who they are',
    async (role) => {
      // Prepare
      const staffId = {
        NETWORK_CONSULTANT: CONSULTANT,
        TEAM_LEADER: `staff-${ROSKILDE}-leader`,
        ENTREPRENEUR: `staff-${ROSKILDE}-entrepreneur`,
        PSYCHOLOGIST: `staff-${ROSKILDE}-psychologist`,
      }[role];
      // Act
      const result = await execute(
        server,
        testContext(table, staffIdentity(ROSKILDE, role, staffId)),
        ME,
      );
      // Assess
      expect(result.errors).toBeUndefined();
      expect(result.data?.me).toEqual({
        role,
        municipality: { code: ROSKILDE },
        youth: null,
        staffMember: { id: staffId, role },
        companyContact: null,
      });
    },
  );

  it("tells a company contact who they are, with their company's municipality", async () => {
    // Act
    const result = await execute(
      server,
      testContext(table, companyContactIdentity('c-roskilde', 'ct-1')),
      ME,
    );
    // Assess
    expect(result.errors).toBeUndefined();
    expect(result.data?.me).toEqual({
      role: 'COMPANY_CONTACT',
      municipality: { code: ROSKILDE },
      youth: null,
      staffMember: null,
      companyContact: { id: 'ct-1' },
    });
  });

  it('tells the programme office and a data protection officer who they are', async () => {
    // Act
    const programme = await execute(server, testContext(table, programmeIdentity()), ME);
    const officer = await execute(
      server,
      testContext(table, dataProtectionOfficerIdentity(KOBENHAVN)),
      ME,
    );
    // Assess
    expect(programme.errors).toBeUndefined();
    expect(programme.data?.me).toEqual({
      role: 'PROGRAMME',
      municipality: null,
      youth: null,
      staffMember: null,
      companyContact: null,
    });
    expect(officer.data?.me).toEqual({
      role: 'DATA_PROTECTION_OFFICER',
      municipality: { code: KOBENHAVN },
      youth: null,
      staffMember: null,
      companyContact: null,
    });
  });

  it('refuses the anonymous probe who it is', async () => {
    // Act
    const result = await execute(server, testContext(table, null), '{ me { role } }');
    // Assess
    expect(errorCodes(result)).toEqual(['UNAUTHENTICATED']);
  });
});
