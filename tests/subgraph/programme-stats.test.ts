import { beforeAll, describe, expect, it } from 'vitest';
import { server as companiesServer } from '#companies/server';
import type { Identity } from '#kernel/identity';
import type { Table } from '#kernel/table/table';
import { server as learningServer } from '#learning-community/server';
import { joinNetworkInput } from '../support/companies-factories.ts';
import { testContext } from '../support/context.ts';
import { errorCodes, execute } from '../support/execute.ts';
import {
  companyContactIdentity,
  programmeIdentity,
  staffIdentity,
  youthIdentity,
} from '../support/identities.ts';
import { givenGroup, givenSession, putSharedWorld } from '../support/learning-factories.ts';
import { givenMunicipalities, KOBENHAVN, ROSKILDE } from '../support/people-factories.ts';
import { createTestTable } from '../support/table.ts';

const NOW = new Date('2026-11-26T10:00:00Z');
const PROGRAMME = (field: string) => `{
  _entities(representations: [{ __typename: "ProgrammeStats", from: "2026-01-01", to: "2026-11-26" }]) {
    ... on ProgrammeStats { ${field} }
  }
}`;
const COMPANY_FIGURES = `query ($code: ID!) {
  _entities(representations: [{ __typename: "Municipality", code: $code }]) {
    ... on Municipality { companyStats(from: "2026-01-01", to: "2026-10-31") {
      active paused left period { from to } joinedInPeriod pausedInPeriod activeAtEndOfPeriod pausedAtEndOfPeriod
    } }
  }
}`;

describe('companies and learning community: figures of a period and the programme total', () => {
  let table: Table;

  beforeAll(async () => {
    table = await createTestTable();
    await givenMunicipalities(table);
    const team = testContext(table, staffIdentity(ROSKILDE), NOW);
    for (const joinedOn of ['2025-12-01', '2026-03-10', '2026-11-02']) {
      await execute(
        companiesServer,
        team,
        `mutation ($input: JoinNetworkInput!) { joinNetwork(input: $input) { company { id } } }`,
        { input: joinNetworkInput(ROSKILDE, { joinedOn }) },
      );
    }
    const kobenhavn = testContext(table, staffIdentity(KOBENHAVN), NOW);
    await execute(
      companiesServer,
      kobenhavn,
      `mutation ($input: JoinNetworkInput!) { joinNetwork(input: $input) { company { id } } }`,
      { input: joinNetworkInput(KOBENHAVN, { joinedOn: '2026-02-02' }) },
    );
    const members = ['y-ps-1', 'y-ps-2', 'y-ps-3'];
    await putSharedWorld(table, {
      staff: [{ id: `staff-${ROSKILDE}-1`, municipalityCode: ROSKILDE }],
      youth: members.map((id) => ({ id, municipalityCode: ROSKILDE })),
    });
    const group = await givenGroup(table, { municipalityCode: ROSKILDE, members });
    const session = await givenSession(table, group, { date: '2026-10-07' });
    await execute(
      learningServer,
      team,
      `mutation ($input: RecordSessionAttendanceInput!) { recordSessionAttendance(input: $input) { errors { code } } }`,
      {
        input: {
          sessionId: session.id,
          expectedVersion: session.version,
          attendance: members.map((memberId) => ({ memberId, status: 'PRESENT' })),
        },
      },
    );
  });

  it('counts joinings in a period and the companies at its end for the team', async () => {
    // Act
    const result = await execute<{ _entities: Array<{ companyStats: unknown }> }>(
      companiesServer,
      testContext(table, staffIdentity(ROSKILDE), NOW),
      COMPANY_FIGURES,
      { code: ROSKILDE },
    );
    // Assess
    expect(result.errors).toBeUndefined();
    expect(result.data?._entities[0]?.companyStats).toEqual({
      active: 3,
      paused: 0,
      left: 0,
      period: { from: '2026-01-01', to: '2026-10-31' },
      joinedInPeriod: 1,
      pausedInPeriod: 0,
      activeAtEndOfPeriod: 2,
      pausedAtEndOfPeriod: 0,
    });
  });

  it('adds up every municipality for the programme office', async () => {
    // Act
    const companies = await execute<{ _entities: Array<{ companyStats: unknown }> }>(
      companiesServer,
      testContext(table, programmeIdentity(), NOW),
      PROGRAMME('companyStats { active joinedInPeriod }'),
    );
    const network = await execute<{ _entities: Array<{ networkStats: unknown }> }>(
      learningServer,
      testContext(table, programmeIdentity(), NOW),
      PROGRAMME('networkStats { youthGroups sessionsHeld attendance { present rate } suppressed }'),
    );
    // Assess: companies are not people (exact); 3 present round to 5, the rate is of what is shown
    expect(companies.data?._entities[0]?.companyStats).toEqual({ active: 4, joinedInPeriod: 3 });
    expect(network.data?._entities[0]?.networkStats).toEqual({
      youthGroups: 1,
      sessionsHeld: 1,
      attendance: { present: 5, rate: 1 },
      suppressed: true,
    });
  });

  it.each([
    ['staff', staffIdentity(ROSKILDE)],
    ['a young person', youthIdentity(ROSKILDE, 'y-ps-1')],
    ['a company contact', companyContactIdentity('c-any')],
  ] as Array<[string, Identity]>)('refuses %s the programme totals', async (_who, identity) => {
    // Act
    const companies = await execute(
      companiesServer,
      testContext(table, identity, NOW),
      PROGRAMME('companyStats { active }'),
    );
    const network = await execute(
      learningServer,
      testContext(table, identity, NOW),
      PROGRAMME('networkStats { sessionsHeld }'),
    );
    // Assess
    expect(errorCodes(companies)).toEqual(['FORBIDDEN']);
    expect(errorCodes(network)).toEqual(['FORBIDDEN']);
  });

  it("refuses another municipality's team the company figures and a reversed period", async () => {
    // Act
    const foreign = await execute(
      companiesServer,
      testContext(table, staffIdentity(KOBENHAVN), NOW),
      COMPANY_FIGURES,
      { code: ROSKILDE },
    );
    const reversed = await execute(
      companiesServer,
      testContext(table, staffIdentity(ROSKILDE), NOW),
      `{ _entities(representations: [{ __typename: "Municipality", code: "${ROSKILDE}" }]) {
        ... on Municipality { companyStats(from: "2026-05-01", to: "2026-04-01") { active } } } }`,
    );
    // Assess
    expect(errorCodes(foreign)).toEqual(['FORBIDDEN']);
    expect(errorCodes(reversed)).toEqual(['BAD_USER_INPUT']);
  });
});
