import { beforeAll, describe, expect, it } from 'vitest';
import type { Identity } from '#kernel/identity';
import type { Table } from '#kernel/table/table';
import { DANISH_MUNICIPALITIES } from '#people/domain/danish-municipalities';
import { server as people } from '#people/server';
import { testContext } from '../support/context.ts';
import { errorCodes, execute } from '../support/execute.ts';
import { programmeIdentity, staffIdentity } from '../support/identities.ts';
import { createTestTable } from '../support/table.ts';

/**
 * Issue 21, the programme office: a Danish municipality joins NEXTWORK by its code, once; then
 * it is listed and its team can be recorded.
 */

const REGISTER = `mutation ($input: RegisterMunicipalityInput!) {
  registerMunicipality(input: $input) { municipality { code name } errors { code path } }
}`;
const LIST = '{ municipalities { code } }';

describe('people subgraph: registering a municipality', () => {
  let table: Table;
  const run = (identity: Identity, query: string, variables?: Record<string, unknown>) =>
    execute(people, testContext(table, identity), query, variables);

  beforeAll(async () => {
    table = await createTestTable();
  });

  it('holds the 98 municipalities, each code between 101 and 860, Christiansø not among them', () => {
    // Prepare
    const codes = Object.keys(DANISH_MUNICIPALITIES);
    // Act
    const outside = codes.filter((code) => Number(code) < 101 || Number(code) > 860);
    // Assess
    expect(codes).toHaveLength(98);
    expect(outside).toEqual([]);
    expect(codes).not.toContain('411');
  });

  it('registers a municipality once, under its official name, and lists it', async () => {
    // Prepare
    const input = { code: '461', idempotencyKey: 'register-odense' };
    // Act
    const first = await run(programmeIdentity(), REGISTER, { input });
    const repeat = await run(programmeIdentity(), REGISTER, { input });
    const again = await run(programmeIdentity(), REGISTER, { input: { code: '461' } });
    const listed = await run(programmeIdentity(), LIST);
    // Assess
    expect(first.data?.registerMunicipality).toEqual({
      municipality: { code: '461', name: 'Odense' },
      errors: [],
    });
    expect(repeat.data).toEqual(first.data);
    expect(again.data?.registerMunicipality).toEqual({
      municipality: null,
      errors: [{ code: 'MUNICIPALITY_ALREADY_REGISTERED', path: ['code'] }],
    });
    expect(listed.data?.municipalities).toContainEqual({ code: '461' });
  });

  it.each([
    ['a code no municipality has', '999'],
    ['Christiansø, which is no municipality', '411'],
  ])('refuses %s', async (_what, code) => {
    // Act
    const result = await run(programmeIdentity(), REGISTER, { input: { code } });
    const listed = await run(programmeIdentity(), LIST);
    // Assess
    expect(result.data?.registerMunicipality).toEqual({
      municipality: null,
      errors: [{ code: 'UNKNOWN_MUNICIPALITY_CODE', path: ['code'] }],
    });
    expect(listed.data?.municipalities).not.toContainEqual({ code });
  });

  it('refuses a malformed code as bad input', async () => {
    // Act
    const result = await run(programmeIdentity(), REGISTER, { input: { code: '46' } });
    // Assess
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
  });

  it.each([
    ['a team leader', staffIdentity('707', 'TEAM_LEADER')],
    ['a network consultant', staffIdentity('707')],
  ])('refuses %s', async (_who, identity) => {
    // Act
    const result = await run(identity, REGISTER, { input: { code: '707' } });
    // Assess
    expect(errorCodes(result)).toEqual(['FORBIDDEN']);
  });

  it("lets the new municipality's team leader record the team", async () => {
    // Prepare
    await run(programmeIdentity(), REGISTER, { input: { code: '813' } });
    // Act
    const added = await run(
      staffIdentity('813', 'TEAM_LEADER', 'first-leader-813'),
      `
      mutation ($input: AddStaffMemberInput!) {
        addStaffMember(input: $input) { staffMember { role } errors { code } }
      }`,
      {
        input: {
          municipalityCode: '813',
          name: 'Mette Lund',
          role: 'NETWORK_CONSULTANT',
          phone: '+4550505050',
          email: 'mette.lund@frederikshavn.dk',
        },
      },
    );
    // Assess
    expect(added.data?.addStaffMember).toEqual({
      staffMember: { role: 'NETWORK_CONSULTANT' },
      errors: [],
    });
  });
});
