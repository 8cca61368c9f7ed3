import { beforeAll, describe, expect, it } from 'vitest';
import { server as companies } from '#companies/server';
import type { Identity } from '#kernel/identity';
import type { Table } from '#kernel/table/table';
import { server as learning } from '#learning-community/server';
import { staffSignIns } from '#people/domain/staff-commands';
import { saveMunicipalities } from '#people/repository/municipality-repository';
import { server as people } from '#people/server';
import { server as placements } from '#placements/server';
import { testContext } from '../support/context.ts';
import { errorCodes, execute } from '../support/execute.ts';
import { programmeIdentity, staffIdentity } from '../support/identities.ts';
import {
  dataProtectionOfficerIdentity,
  givenTeam,
  givenYouth,
} from '../support/people-factories.ts';
import { RecordingSignInDirectory } from '../support/sign-in.ts';
import { createTestTable } from '../support/table.ts';

/**
 * Issue 21, the team: a team leader adds members, changes their role and removes them; a
 * removed member's sign-in is disabled and their token refused in every subgraph; a changed
 * role holds at once. Every refusal beside what it refuses.
 */

const ADD = `mutation ($input: AddStaffMemberInput!) {
  addStaffMember(input: $input) { staffMember { id name role version } errors { code path } }
}`;
const CHANGE_ROLE = `mutation ($input: ChangeStaffRoleInput!) {
  changeStaffRole(input: $input) { staffMember { id role version } errors { code path } }
}`;
const REMOVE = `mutation ($input: RemoveStaffMemberInput!) {
  removeStaffMember(input: $input) { removedStaffId errors { code path } }
}`;
const TEAM = `query ($code: ID!) { municipality(code: $code) { team { id role } } }`;
const ME = '{ me { role } }';

/** The team leader of a municipality, as `givenTeam` names them. */
function leaderOf(code: string): Identity {
  return staffIdentity(code, 'TEAM_LEADER', `staff-${code}-leader`);
}

/** A valid `addStaffMember` input. */
function addStaffMemberInput(code: string, overrides: Record<string, unknown> = {}) {
  return {
    municipalityCode: code,
    name: 'Sara Holm',
    role: 'NETWORK_CONSULTANT',
    phone: '+4522334466',
    email: 'sara.holm@kommune.dk',
    ...overrides,
  };
}

describe('people subgraph: managing a team', () => {
  let table: Table;
  const run = (identity: Identity, query: string, variables?: Record<string, unknown>) =>
    execute(people, testContext(table, identity), query, variables);

  beforeAll(async () => {
    table = await createTestTable();
  });

  /** A municipality running NEXTWORK with the team of `givenTeam`. */
  async function givenTeamOf(code: string) {
    await saveMunicipalities(table, [{ code, name: `Kommune ${code}` }]);
    return givenTeam(table, code);
  }

  async function teamOf(code: string) {
    const result = await run(leaderOf(code), TEAM, { code });
    const municipality = result.data?.municipality as { team: Array<{ id: string }> } | undefined;
    return municipality?.team ?? [];
  }

  it('adds a member once, however often the leader sends it', async () => {
    // Prepare
    await givenTeamOf('147');
    const input = addStaffMemberInput('147', { idempotencyKey: 'add-sara-147' });
    // Act
    const first = await run(leaderOf('147'), ADD, { input });
    const again = await run(leaderOf('147'), ADD, { input });
    // Assess
    const payload = first.data?.addStaffMember as { staffMember?: { id: string } } | undefined;
    const added = { id: payload?.staffMember?.id };
    expect(first.data?.addStaffMember).toMatchObject({
      staffMember: { name: 'Sara Holm', role: 'NETWORK_CONSULTANT', version: 1 },
      errors: [],
    });
    expect(again.data?.addStaffMember).toMatchObject({ staffMember: { id: added.id } });
    const team = await teamOf('147');
    expect(team.filter((member) => member.id === added.id)).toHaveLength(1);
    expect(team).toHaveLength(6);
  });

  it.each([
    ['a network consultant', staffIdentity('151', 'NETWORK_CONSULTANT')],
    ["another municipality's team leader", leaderOf('153')],
    // The programme office adds a first team leader only: people-first-team-leader.test.ts.
    ['the data protection officer', dataProtectionOfficerIdentity('151')],
  ])('refuses adding a member for %s', async (_who, identity) => {
    // Prepare
    await givenTeamOf('151');
    // Act
    const result = await run(identity, ADD, { input: addStaffMemberInput('151') });
    // Assess
    expect(errorCodes(result)).toEqual(['FORBIDDEN']);
    expect(await teamOf('151')).toHaveLength(5);
  });

  it('refuses a malformed e-mail address and changes nothing', async () => {
    // Prepare
    await givenTeamOf('155');
    // Act
    const result = await run(leaderOf('155'), ADD, {
      input: addStaffMemberInput('155', { email: 'not an address' }),
    });
    // Assess
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    expect(await teamOf('155')).toHaveLength(5);
  });

  it('changes a role at the version read, and refuses a stale version', async () => {
    // Prepare
    const team = await givenTeamOf('157');
    const input = { staffId: team.entrepreneur.id, expectedVersion: 1, role: 'NETWORK_CONSULTANT' };
    // Act
    const changed = await run(leaderOf('157'), CHANGE_ROLE, { input });
    const stale = await run(leaderOf('157'), CHANGE_ROLE, {
      input: { ...input, role: 'PSYCHOLOGIST' },
    });
    // Assess
    expect(changed.data?.changeStaffRole).toMatchObject({
      staffMember: { role: 'NETWORK_CONSULTANT', version: 2 },
      errors: [],
    });
    expect(errorCodes(stale)).toEqual(['CONFLICT']);
  });

  it('keeps a team leader: the last one cannot give up the role', async () => {
    // Prepare
    const team = await givenTeamOf('159');
    // Act
    const result = await run(leaderOf('159'), CHANGE_ROLE, {
      input: { staffId: team.leader.id, expectedVersion: 1, role: 'NETWORK_CONSULTANT' },
    });
    // Assess
    expect(result.data?.changeStaffRole).toMatchObject({
      staffMember: null,
      errors: [{ code: 'LAST_TEAM_LEADER', path: ['staffId'] }],
    });
  });

  it('lets a leader give up the role when another leads, and acts in the new role at once', async () => {
    // Prepare
    const team = await givenTeamOf('161');
    await run(leaderOf('161'), CHANGE_ROLE, {
      input: { staffId: team.psychologist.id, expectedVersion: 1, role: 'TEAM_LEADER' },
    });
    // Act
    const stepDown = await run(leaderOf('161'), CHANGE_ROLE, {
      input: { staffId: team.leader.id, expectedVersion: 1, role: 'NETWORK_CONSULTANT' },
    });
    const withOldToken = await run(leaderOf('161'), ME);
    const addWithOldToken = await run(leaderOf('161'), ADD, {
      input: addStaffMemberInput('161'),
    });
    // Assess
    expect(stepDown.data?.changeStaffRole).toMatchObject({ errors: [] });
    expect(withOldToken.data?.me).toEqual({ role: 'NETWORK_CONSULTANT' });
    expect(errorCodes(addWithOldToken)).toEqual(['FORBIDDEN']);
  });

  it('keeps a consultant who follows young people in the role, and on the team', async () => {
    // Prepare
    const team = await givenTeamOf('163');
    await givenYouth(table, { municipalityCode: '163', consultantId: team.consultant.id });
    const member = { staffId: team.consultant.id, expectedVersion: 1 };
    // Act
    const changed = await run(leaderOf('163'), CHANGE_ROLE, {
      input: { ...member, role: 'ENTREPRENEUR' },
    });
    const removed = await run(leaderOf('163'), REMOVE, { input: member });
    // Assess
    expect(changed.data?.changeStaffRole).toMatchObject({
      errors: [{ code: 'CASELOAD_NOT_EMPTY', path: ['staffId'] }],
    });
    expect(removed.data?.removeStaffMember).toMatchObject({
      removedStaffId: null,
      errors: [{ code: 'CASELOAD_NOT_EMPTY' }],
    });
    expect(await teamOf('163')).toHaveLength(5);
  });

  it('does not let a team leader remove themself', async () => {
    // Prepare
    const team = await givenTeamOf('165');
    // Act
    const result = await run(leaderOf('165'), REMOVE, {
      input: { staffId: team.leader.id, expectedVersion: 1 },
    });
    // Assess
    expect(result.data?.removeStaffMember).toMatchObject({
      errors: [{ code: 'CANNOT_REMOVE_SELF' }],
    });
  });

  it("answers another municipality's team leader as it answers an unknown id", async () => {
    // Prepare
    const team = await givenTeamOf('167');
    await givenTeamOf('169');
    const stranger = leaderOf('169');
    // Act
    const other = await run(stranger, REMOVE, {
      input: { staffId: team.entrepreneur.id, expectedVersion: 1 },
    });
    const unknown = await run(stranger, REMOVE, {
      input: { staffId: 'no-such-staff', expectedVersion: 1 },
    });
    const otherRole = await run(stranger, CHANGE_ROLE, {
      input: { staffId: team.entrepreneur.id, expectedVersion: 1, role: 'PSYCHOLOGIST' },
    });
    // Assess
    expect(other).toEqual(unknown);
    expect(unknown.data?.removeStaffMember).toMatchObject({
      errors: [{ code: 'STAFF_MEMBER_NOT_FOUND' }],
    });
    expect(otherRole.data?.changeStaffRole).toMatchObject({
      errors: [{ code: 'STAFF_MEMBER_NOT_FOUND' }],
    });
    expect(await teamOf('167')).toHaveLength(5);
  });

  it.each([
    ['a network consultant', staffIdentity('171', 'NETWORK_CONSULTANT')],
    ['the programme office', programmeIdentity()],
  ])('refuses a change of role or a removal by %s', async (_who, identity) => {
    // Prepare
    const team = await givenTeamOf('171');
    const member = { staffId: team.entrepreneur.id, expectedVersion: 1 };
    // Act
    const changed = await run(identity, CHANGE_ROLE, {
      input: { ...member, role: 'PSYCHOLOGIST' },
    });
    const removed = await run(identity, REMOVE, { input: member });
    // Assess
    expect(errorCodes(changed)).toEqual(['FORBIDDEN']);
    expect(errorCodes(removed)).toEqual(['FORBIDDEN']);
  });

  it('removes a member, disables their sign-in and refuses their token in every subgraph', async () => {
    // Prepare
    const team = await givenTeamOf('173');
    const signIn = new RecordingSignInDirectory();
    const gone = staffIdentity('173', 'ENTREPRENEUR', team.entrepreneur.id);
    const before = await run(gone, ME);
    // Act
    const result = await execute(
      people,
      testContext(table, leaderOf('173'), undefined, { signIn }),
      REMOVE,
      {
        input: { staffId: team.entrepreneur.id, expectedVersion: 1, idempotencyKey: 'remove-173' },
      },
    );
    // Assess
    expect(before.data?.me).toEqual({ role: 'ENTREPRENEUR' });
    expect(result.data?.removeStaffMember).toEqual({
      removedStaffId: team.entrepreneur.id,
      errors: [],
    });
    expect(signIn.disabled).toEqual([
      { nextworkId: team.entrepreneur.id, username: team.entrepreneur.email },
    ]);
    expect((await teamOf('173')).map((member) => member.id)).not.toContain(team.entrepreneur.id);
    for (const server of [people, companies, placements, learning]) {
      const refused = await execute(server, testContext(table, gone), '{ __typename }');
      expect(errorCodes(refused)).toEqual(['UNAUTHENTICATED']);
    }
    const colleague = await run(staffIdentity('173', 'PSYCHOLOGIST', team.psychologist.id), ME);
    expect(colleague.data?.me).toEqual({ role: 'PSYCHOLOGIST' });
  });

  it('keeps a disable that failed after the removal and does it on the next repair', async () => {
    // Prepare
    const team = await givenTeamOf('175');
    const unavailable = new RecordingSignInDirectory();
    unavailable.failNext = 1;
    const removal = await execute(
      people,
      testContext(table, leaderOf('175'), undefined, { signIn: unavailable }),
      REMOVE,
      { input: { staffId: team.psychologist.id, expectedVersion: 1 } },
    );
    const later = new RecordingSignInDirectory();
    // Act
    const repaired = await staffSignIns.disableAll(table, later);
    // Assess
    expect(removal.data?.removeStaffMember).toMatchObject({ errors: [] });
    expect(unavailable.disabled).toEqual([]);
    expect(repaired).toBeGreaterThanOrEqual(1);
    expect(later.disabled.map((user) => user.nextworkId)).toContain(team.psychologist.id);
    expect(await staffSignIns.disableAll(table, later)).toBe(0);
  });
});
