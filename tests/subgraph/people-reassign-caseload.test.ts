import { beforeAll, describe, expect, it } from 'vitest';
import type { Identity } from '#kernel/identity';
import type { Table } from '#kernel/table/table';
import { MAX_REASSIGNED } from '#people/domain/staff-inputs';
import { saveMunicipalities } from '#people/repository/municipality-repository';
import { server as people } from '#people/server';
import { testContext } from '../support/context.ts';
import { errorCodes, execute } from '../support/execute.ts';
import { staffIdentity } from '../support/identities.ts';
import {
  dataProtectionOfficerIdentity,
  givenTeam,
  givenYouth,
} from '../support/people-factories.ts';
import { createTestTable } from '../support/table.ts';

/**
 * Issue 21, the team: the team leader moves young people between network consultants in one
 * go, all or none, each move kept in the young person's audit trail.
 */

const REASSIGN = `mutation ($input: ReassignCaseloadInput!) {
  reassignCaseload(input: $input) { moved complete consultant { id } errors { code path } }
}`;
const CONSULTANT_OF = `query ($id: ID!) { youth(id: $id) { consultant { id } } }`;
const TRAIL = `query ($youthId: ID!) {
  auditTrail(youthId: $youthId, first: 50) { edges { node { action target } } }
}`;

function leaderOf(code: string): Identity {
  return staffIdentity(code, 'TEAM_LEADER', `staff-${code}-leader`);
}

describe('people subgraph: reassigning a caseload', () => {
  let table: Table;
  const run = (identity: Identity, query: string, variables?: Record<string, unknown>) =>
    execute(people, testContext(table, identity), query, variables);

  beforeAll(async () => {
    table = await createTestTable();
  });

  async function givenCaseload(code: string, size: number) {
    await saveMunicipalities(table, [{ code, name: `Kommune ${code}` }]);
    const team = await givenTeam(table, code);
    const youth = [];
    for (let i = 0; i < size; i++) {
      youth.push(
        await givenYouth(table, { municipalityCode: code, consultantId: team.consultant.id }),
      );
    }
    return { team, youth };
  }

  async function consultantOf(code: string, youthId: string) {
    const result = await run(leaderOf(code), CONSULTANT_OF, { id: youthId });
    return (result.data?.youth as { consultant: { id: string } | null } | null)?.consultant?.id;
  }

  it('moves a whole caseload and keeps each move in the young person’s trail', async () => {
    // Prepare
    const { team, youth } = await givenCaseload('201', 3);
    const input = {
      fromConsultantId: team.consultant.id,
      toConsultantId: team.secondConsultant.id,
      idempotencyKey: 'move-201',
    };
    // Act
    const result = await run(leaderOf('201'), REASSIGN, { input });
    const again = await run(leaderOf('201'), REASSIGN, { input });
    // Assess
    expect(result.data?.reassignCaseload).toEqual({
      moved: 3,
      complete: true,
      consultant: { id: team.secondConsultant.id },
      errors: [],
    });
    expect(again.data).toEqual(result.data);
    for (const one of youth) {
      expect(await consultantOf('201', one.id)).toBe(team.secondConsultant.id);
      const trail = await run(dataProtectionOfficerIdentity('201'), TRAIL, { youthId: one.id });
      expect(trail.errors).toBeUndefined();
      const data = trail.data as {
        auditTrail: { edges: Array<{ node: { action: string; target: string } }> };
      };
      const changes = data.auditTrail.edges.filter(
        ({ node }) => node.target === 'Mutation.reassignCaseload',
      );
      expect(changes).toEqual([
        { node: { action: 'CHANGE', target: 'Mutation.reassignCaseload' } },
      ]);
    }
  });

  it('moves the named young people only', async () => {
    // Prepare
    const { team, youth } = await givenCaseload('203', 2);
    const [moving, staying] = youth;
    // Act
    const result = await run(leaderOf('203'), REASSIGN, {
      input: {
        fromConsultantId: team.consultant.id,
        toConsultantId: team.secondConsultant.id,
        youthIds: [moving?.id],
      },
    });
    // Assess
    expect(result.data?.reassignCaseload).toMatchObject({ moved: 1, complete: true, errors: [] });
    expect(await consultantOf('203', String(moving?.id))).toBe(team.secondConsultant.id);
    expect(await consultantOf('203', String(staying?.id))).toBe(team.consultant.id);
  });

  it('moves no one when one of the list is of another municipality, answered as no one', async () => {
    // Prepare
    const { team, youth } = await givenCaseload('205', 1);
    const elsewhere = await givenCaseload('207', 1);
    const input = (stranger: string) => ({
      fromConsultantId: team.consultant.id,
      toConsultantId: team.secondConsultant.id,
      youthIds: [youth[0]?.id, stranger],
    });
    // Act
    const other = await run(leaderOf('205'), REASSIGN, {
      input: input(String(elsewhere.youth[0]?.id)),
    });
    const unknown = await run(leaderOf('205'), REASSIGN, { input: input('no-such-youth') });
    // Assess
    expect(other).toEqual(unknown);
    expect(other.data?.reassignCaseload).toMatchObject({
      moved: null,
      errors: [{ code: 'YOUTH_NOT_FOUND', path: ['youthIds', '1'] }],
    });
    expect(await consultantOf('205', String(youth[0]?.id))).toBe(team.consultant.id);
  });

  it('refuses a list longer than one transaction holds', async () => {
    // Prepare
    const { team } = await givenCaseload('209', 0);
    const youthIds = Array.from({ length: MAX_REASSIGNED + 1 }, (_, i) => `y-209-${i}`);
    // Act
    const result = await run(leaderOf('209'), REASSIGN, {
      input: {
        fromConsultantId: team.consultant.id,
        toConsultantId: team.secondConsultant.id,
        youthIds,
      },
    });
    // Assess
    expect(result.data?.reassignCaseload).toMatchObject({ errors: [{ code: 'TOO_MANY_TO_MOVE' }] });
  });

  it('refuses moving to someone who is not a network consultant', async () => {
    // Prepare
    const { team, youth } = await givenCaseload('211', 1);
    // Act
    const result = await run(leaderOf('211'), REASSIGN, {
      input: { fromConsultantId: team.consultant.id, toConsultantId: team.entrepreneur.id },
    });
    // Assess
    expect(result.data?.reassignCaseload).toMatchObject({
      errors: [{ code: 'NOT_A_NETWORK_CONSULTANT', path: ['toConsultantId'] }],
    });
    expect(await consultantOf('211', String(youth[0]?.id))).toBe(team.consultant.id);
  });

  it('refuses a consultant, and answers another municipality’s leader as an unknown id does', async () => {
    // Prepare
    const { team, youth } = await givenCaseload('213', 1);
    await givenCaseload('215', 0);
    const input = {
      fromConsultantId: team.consultant.id,
      toConsultantId: team.secondConsultant.id,
    };
    // Act
    const consultant = await run(staffIdentity('213', 'NETWORK_CONSULTANT'), REASSIGN, { input });
    const stranger = await run(leaderOf('215'), REASSIGN, { input });
    const unknown = await run(leaderOf('215'), REASSIGN, {
      input: { ...input, fromConsultantId: 'no-such-staff' },
    });
    // Assess
    expect(errorCodes(consultant)).toEqual(['FORBIDDEN']);
    expect(stranger).toEqual(unknown);
    expect(stranger.data?.reassignCaseload).toMatchObject({
      errors: [{ code: 'STAFF_MEMBER_NOT_FOUND', path: ['fromConsultantId'] }],
    });
    expect(await consultantOf('213', String(youth[0]?.id))).toBe(team.consultant.id);
  });

  it('counts a caseload and a municipality’s young people beyond the page asked for', async () => {
    // Prepare
    const { team } = await givenCaseload('217', 3);
    await givenYouth(table, { municipalityCode: '217' }, ['PAUSED']);
    const counts = `query ($code: ID!, $staffId: ID!) {
      municipality(code: $code) {
        all: youth(first: 1) { totalCount edges { cursor } }
        paused: youth(status: PAUSED, first: 1) { totalCount }
      }
      from: staffMember(id: $staffId) { caseload(first: 1) { totalCount } }
    }`;
    const variables = { code: '217', staffId: team.consultant.id };
    // Act
    const before = await run(leaderOf('217'), counts, variables);
    await run(leaderOf('217'), REASSIGN, {
      input: { fromConsultantId: team.consultant.id, toConsultantId: team.secondConsultant.id },
    });
    const after = await run(leaderOf('217'), counts, variables);
    // Assess
    expect(before.data).toEqual({
      municipality: {
        all: { totalCount: 4, edges: [{ cursor: expect.any(String) }] },
        paused: { totalCount: 1 },
      },
      from: { caseload: { totalCount: 3 } },
    });
    expect(after.data?.from).toEqual({ caseload: { totalCount: 0 } });
  });

  it('refuses the counts to another municipality’s team and to the programme office', async () => {
    // Prepare
    await givenCaseload('219', 1);
    const query = `{ municipality(code: "219") { youth { totalCount } } }`;
    // Act
    const stranger = await run(leaderOf('221'), query);
    const programme = await run({ role: 'PROGRAMME', subject: 'sub-programme' }, query);
    // Assess
    expect(errorCodes(stranger)).toEqual(['FORBIDDEN']);
    expect(errorCodes(programme)).toEqual(['FORBIDDEN']);
  });
});
