import { beforeAll, describe, expect, it } from 'vitest';
import type { Identity } from '#kernel/identity';
import type { Table } from '#kernel/table/table';
import { saveMunicipalities } from '#people/repository/municipality-repository';
import { server } from '#people/server';
import { testContext } from '../support/context.ts';
import { errorCodes, execute } from '../support/execute.ts';
import { programmeIdentity, staffIdentity } from '../support/identities.ts';
import { givenTeam } from '../support/people-factories.ts';
import { createTestTable } from '../support/table.ts';

/**
 * A newly registered municipality has no team leader to add its team, so the programme office
 * adds the first one — a team leader only, to a registered municipality that has none — and
 * then reads nothing of them: it never sees a person (DESIGN.md §5).
 */

const ADD = `mutation ($input: AddStaffMemberInput!) {
  addStaffMember(input: $input) { errors { code path } }
}`;
const ADD_ANSWERED = `mutation ($input: AddStaffMemberInput!) {
  addStaffMember(input: $input) { staffMember { id name contact { email } } errors { code } }
}`;
const TEAM = `query ($code: ID!) { municipality(code: $code) { team { id name role } } }`;
const STAFF = `query ($id: ID!) { staffMember(id: $id) { id name contact { email } } }`;

function firstLeaderInput(code: string, overrides: Record<string, unknown> = {}) {
  return {
    municipalityCode: code,
    name: 'Lene Berg',
    role: 'TEAM_LEADER',
    phone: '+4522334477',
    email: `lene.berg@${code}.dk`,
    ...overrides,
  };
}

describe('people subgraph: a new municipality’s first team leader', () => {
  let table: Table;
  const programme = programmeIdentity();
  const run = (identity: Identity, query: string, variables?: Record<string, unknown>) =>
    execute(server, testContext(table, identity), query, variables);

  /** The team as its (new) team leader reads it; the programme office cannot. */
  async function teamAs(identity: Identity, code: string) {
    const result = await run(identity, TEAM, { code });
    const municipality = result.data?.municipality as
      | { team: Array<{ id: string; role: string }> }
      | undefined;
    return municipality?.team;
  }

  /** The staff items of a municipality's team, as stored. */
  async function storedTeam(code: string) {
    return table.queryAll({ index: 'gsi1', partition: `MUNI#${code}#STAFF` });
  }

  beforeAll(async () => {
    table = await createTestTable();
  });

  it('lets the programme office add the first team leader, once, who then leads the team', async () => {
    // Prepare
    await saveMunicipalities(table, [{ code: '161', name: 'Glostrup' }]);
    const input = firstLeaderInput('161', { idempotencyKey: 'first-leader-161' });
    // Act
    const first = await run(programme, ADD, { input });
    const again = await run(programme, ADD, { input });
    const second = await run(programme, ADD, {
      input: firstLeaderInput('161', { email: 'anden@161.dk' }),
    });
    const [stored] = await storedTeam('161');
    const leader = staffIdentity('161', 'TEAM_LEADER', String(stored?.id));
    // Assess
    expect(first.data?.addStaffMember).toEqual({ errors: [] });
    expect(again.data).toEqual(first.data);
    expect(second.data?.addStaffMember).toEqual({
      errors: [{ code: 'TEAM_HAS_LEADER', path: ['municipalityCode'] }],
    });
    expect(await storedTeam('161')).toHaveLength(1);
    expect(await teamAs(leader, '161')).toEqual([
      { id: stored?.id, name: 'Lene Berg', role: 'TEAM_LEADER' },
    ]);
  });

  it('answers the programme office without the person, and refuses it their fields later', async () => {
    // Prepare
    await saveMunicipalities(table, [{ code: '163', name: 'Herlev' }]);
    // Act
    const added = await run(programme, ADD_ANSWERED, { input: firstLeaderInput('163') });
    const [stored] = await storedTeam('163');
    const later = await run(programme, STAFF, { id: stored?.id });
    const team = await run(programme, TEAM, { code: '163' });
    // Assess
    expect(stored).toMatchObject({ name: 'Lene Berg', role: 'TEAM_LEADER' });
    expect(JSON.stringify(added.data)).not.toContain('Lene');
    expect(errorCodes(added)).toContain('FORBIDDEN');
    expect(JSON.stringify(later.data ?? null)).not.toContain('Lene');
    expect(JSON.stringify(team.data ?? null)).not.toContain('Lene');
  });

  it.each([
    ['another role', '165', { role: 'NETWORK_CONSULTANT' }, 'FIRST_TEAM_LEADER_ONLY', ['role']],
    [
      'an unregistered municipality',
      '167',
      {},
      'MUNICIPALITY_NOT_REGISTERED',
      ['municipalityCode'],
    ],
  ])(
    'refuses %s with a typed error and adds no one',
    async (_what, code, overrides, errorCode, path) => {
      // Prepare
      if (code !== '167') await saveMunicipalities(table, [{ code, name: `Kommune ${code}` }]);
      // Act
      const result = await run(programme, ADD, { input: firstLeaderInput(code, overrides) });
      // Assess
      expect(result.data?.addStaffMember).toEqual({ errors: [{ code: errorCode, path }] });
      expect(await storedTeam(code)).toEqual([]);
    },
  );

  it('refuses the programme office a team that has its leader already', async () => {
    // Prepare
    await saveMunicipalities(table, [{ code: '169', name: 'Kommune 169' }]);
    await givenTeam(table, '169');
    // Act
    const result = await run(programme, ADD, { input: firstLeaderInput('169') });
    // Assess
    expect(result.data?.addStaffMember).toEqual({
      errors: [{ code: 'TEAM_HAS_LEADER', path: ['municipalityCode'] }],
    });
    expect(await storedTeam('169')).toHaveLength(5);
  });

  it('still refuses a team leader adding to another municipality, leader or none', async () => {
    // Prepare
    await saveMunicipalities(table, [{ code: '171', name: 'Kommune 171' }]);
    // Act
    const result = await run(staffIdentity('169', 'TEAM_LEADER', 'staff-169-leader'), ADD, {
      input: firstLeaderInput('171'),
    });
    // Assess
    expect(errorCodes(result)).toEqual(['FORBIDDEN']);
    expect(await storedTeam('171')).toEqual([]);
  });
});
