import { beforeAll, describe, expect, it } from 'vitest';
import {
  disablePendingSignIns,
  PENDING_SIGN_IN_PARTITION,
} from '#companies/repository/sign-in-disable-entity';
import { server } from '#companies/server';
import type { Table } from '#kernel/table/table';
import { givenCompany, removeCompanyContactInput } from '../support/companies-factories.ts';
import { testContext } from '../support/context.ts';
import { execute } from '../support/execute.ts';
import { staffIdentity } from '../support/identities.ts';
import { RecordingSignInDirectory } from '../support/sign-in.ts';
import { createTestTable } from '../support/table.ts';

/**
 * Issue 18, class 1, the sign-in side: removing a company contact disables their sign-in and
 * signs them out, after the removal commits; a failed attempt is kept and done again.
 */

const REMOVE_CONTACT = `mutation ($input: RemoveCompanyContactInput!) {
  removeCompanyContact(input: $input) { removedContactId errors { code } }
}`;

describe('companies subgraph: a removed contact’s sign-in', () => {
  let table: Table;

  beforeAll(async () => {
    table = await createTestTable();
  });

  async function removeOneOfTwo(signIn: RecordingSignInDirectory) {
    const company = await givenCompany(table, { contacts: 2 });
    const goes = company.contacts[1];
    const result = await execute(
      server,
      testContext(table, staffIdentity('265', 'TEAM_LEADER'), undefined, { signIn }),
      REMOVE_CONTACT,
      { input: removeCompanyContactInput(goes?.id, company.company) },
    );
    expect(result.data?.removeCompanyContact).toMatchObject({ errors: [] });
    return goes as NonNullable<typeof goes>;
  }

  async function pendingIds(): Promise<string[]> {
    const items = await table.queryAll({ index: 'gsi1', partition: PENDING_SIGN_IN_PARTITION });
    return items.map((item) => String(item.nextworkId));
  }

  it('disables the removed contact by their id and e-mail address (the Cognito user name)', async () => {
    // Prepare
    const signIn = new RecordingSignInDirectory();
    // Act
    const removed = await removeOneOfTwo(signIn);
    // Assess
    expect(signIn.disabled).toEqual([{ nextworkId: removed.id, username: removed.email }]);
    expect(await pendingIds()).not.toContain(removed.id);
  });

  it('has the next removal finish an earlier one whose disable failed', async () => {
    // Prepare
    const unavailable = new RecordingSignInDirectory();
    unavailable.failNext = 1;
    const first = await removeOneOfTwo(unavailable);
    const signIn = new RecordingSignInDirectory();
    // Act
    const second = await removeOneOfTwo(signIn);
    // Assess
    expect(signIn.disabled.map((user) => user.nextworkId).sort()).toEqual(
      [first.id, second.id].sort(),
    );
    expect(await pendingIds()).toEqual([]);
  });

  it('keeps a disable that failed after the commit, and does it on the next repair', async () => {
    // Prepare
    const unavailable = new RecordingSignInDirectory();
    unavailable.failNext = 1;
    const removed = await removeOneOfTwo(unavailable);
    const pendingAfterFailure = await pendingIds();
    const later = new RecordingSignInDirectory();
    // Act
    const repaired = await disablePendingSignIns(table, later);
    const repairedAgain = await disablePendingSignIns(table, later);
    // Assess
    expect(unavailable.disabled).toEqual([]);
    expect(pendingAfterFailure).toContain(removed.id);
    expect(repaired).toBe(1);
    expect(later.disabled).toEqual([{ nextworkId: removed.id, username: removed.email }]);
    expect(repairedAgain).toBe(0);
    expect(await pendingIds()).toEqual([]);
  });
});
