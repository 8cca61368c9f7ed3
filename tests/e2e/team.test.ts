import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDemoWorld } from '#infra/local/seed/demo-world';
import { startTestStack, type TestStack } from '../support/local-stack.ts';

/**
 * Issue 21, the team, end to end through the gateway over HTTP: Roskilde's team leader adds a
 * member, changes their role and removes them; the member's token, issued before, is refused
 * from then on, and a new one is not issued.
 */

const ROSKILDE = '265';
const leader = buildDemoWorld().staff.find(
  (s) => s.municipalityCode === ROSKILDE && s.role === 'TEAM_LEADER',
);
if (!leader) throw new Error('The demo world lacks a team leader of Roskilde');

describe('the team leader manages the team, through the gateway', () => {
  let test: TestStack;

  beforeAll(async () => {
    test = await startTestStack();
  });

  afterAll(async () => {
    await test?.stack.stop();
  });

  it('adds, changes the role of and removes a member, whose token is refused after', async () => {
    // Prepare
    const token = await test.token('TEAM_LEADER', {
      municipalityCode: ROSKILDE,
      staffId: leader.id,
    });
    // Act: add
    const added = await test.query<{
      addStaffMember: { staffMember: { id: string; version: number } | null; errors: unknown[] };
    }>(
      `mutation ($input: AddStaffMemberInput!) {
        addStaffMember(input: $input) { staffMember { id role version } errors { code } }
      }`,
      {
        token,
        variables: {
          input: {
            municipalityCode: ROSKILDE,
            name: 'Ida Mølgaard',
            role: 'ENTREPRENEUR',
            phone: '+4540404040',
            email: 'ida.moelgaard@roskilde.dk',
            idempotencyKey: 'e2e-add-ida',
          },
        },
      },
    );
    const member = added.body.data?.addStaffMember.staffMember;
    if (!member) throw new Error(`Not added: ${JSON.stringify(added.body)}`);
    const memberToken = await test.token('ENTREPRENEUR', {
      municipalityCode: ROSKILDE,
      staffId: member.id,
    });
    const asEntrepreneur = await test.query('{ me { role } }', { token: memberToken });
    // Act: change the role
    const changed = await test.query(
      `mutation ($input: ChangeStaffRoleInput!) {
        changeStaffRole(input: $input) { staffMember { role version } errors { code } }
      }`,
      {
        token,
        variables: { input: { staffId: member.id, expectedVersion: 1, role: 'PSYCHOLOGIST' } },
      },
    );
    const inNewRole = await test.query('{ me { role } }', { token: memberToken });
    // Act: remove
    const removed = await test.query(
      `mutation ($input: RemoveStaffMemberInput!) {
        removeStaffMember(input: $input) { removedStaffId errors { code } }
      }`,
      { token, variables: { input: { staffId: member.id, expectedVersion: 2 } } },
    );
    const afterRemoval = await test.query('{ me { role } }', { token: memberToken });
    const team = await test.query<{ municipality: { team: Array<{ id: string }> } }>(
      `query ($code: ID!) { municipality(code: $code) { team { id } } }`,
      { token, variables: { code: ROSKILDE } },
    );
    // Assess
    expect(member.version).toBe(1);
    expect(asEntrepreneur.body.data).toEqual({ me: { role: 'ENTREPRENEUR' } });
    expect(changed.body.data).toEqual({
      changeStaffRole: { staffMember: { role: 'PSYCHOLOGIST', version: 2 }, errors: [] },
    });
    expect(inNewRole.body.data).toEqual({ me: { role: 'PSYCHOLOGIST' } });
    expect(removed.body.data).toEqual({
      removeStaffMember: { removedStaffId: member.id, errors: [] },
    });
    expect(afterRemoval.body.data ?? null).toBeNull();
    expect(afterRemoval.body.errors?.map((error) => error.extensions?.code)).toEqual([
      'UNAUTHENTICATED',
    ]);
    expect(team.body.data?.municipality.team.map((m) => m.id)).not.toContain(member.id);
    await expect(
      test.token('PSYCHOLOGIST', { municipalityCode: ROSKILDE, staffId: member.id }),
    ).rejects.toThrow(/refuses/);
  });
});
