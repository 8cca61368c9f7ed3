import type { ApolloServer } from '@apollo/server';
import { beforeAll, describe, expect, it } from 'vitest';
import { server as companies } from '#companies/server';
import type { SubgraphContext } from '#kernel/context';
import type { Identity } from '#kernel/identity';
import { newId } from '#kernel/keys';
import type { Table } from '#kernel/table/table';
import { server as learning } from '#learning-community/server';
import { server as people } from '#people/server';
import { server as placements } from '#placements/server';
import { everyItem } from '../support/companies-factories.ts';
import { testContext } from '../support/context.ts';
import { execute } from '../support/execute.ts';
import { companyContactIdentity, staffIdentity } from '../support/identities.ts';
import { givenGroup } from '../support/learning-factories.ts';
import {
  aHost,
  aPlacement,
  entitiesQuery,
  givenHosts,
  givenIntroduction,
  givenPlacements,
  givenYoungPeople,
  givenYouthCompanyLink,
  representation,
  withContact,
} from '../support/placements-factories.ts';
import { createTestTable } from '../support/table.ts';

const REMOVE_CONTACT = `mutation ($input: RemoveCompanyContactInput!) {
  removeCompanyContact(input: $input) { removedContactId errors { code } }
}`;
const INVITE = `mutation ($input: InviteYouthInput!) { inviteYouth(input: $input) {
  invitation { id version } errors { code }
} }`;
const WITHDRAW = `mutation ($input: WithdrawInvitationInput!) { withdrawInvitation(input: $input) {
  invitation { status } errors { code }
} }`;
const ADD_MEMBERS = `mutation ($input: NetworkGroupMembersInput!) {
  addNetworkGroupMembers(input: $input) { errors { code } }
}`;

/**
 * A contact person removed from their company keeps a live token for a while. With it they
 * must be answered in every subgraph exactly as a contact of another company is (the stranger
 * here), while a colleague who is still a contact is answered as before — which shows that
 * what is asked is there to be refused.
 */
describe('a contact removed from their company is a stranger to it in every subgraph', () => {
  let table: Table;
  let placementId: string;
  let invitationId: string;
  let groupId: string;
  const removed = companyContactIdentity('c-gone');
  const colleague = companyContactIdentity('c-gone', 'c-gone-keeper');
  const stranger = companyContactIdentity('c-other');

  /** The same operation by the removed contact, a stranger and a colleague still there. */
  async function askedBy(
    server: ApolloServer<SubgraphContext>,
    query: string,
    variables: () => Record<string, unknown>,
  ) {
    const ask = (identity: Identity) =>
      execute(server, testContext(table, identity), query, variables());
    return {
      removed: await ask(removed),
      stranger: await ask(stranger),
      colleague: await ask(colleague),
    };
  }

  beforeAll(async () => {
    table = await createTestTable();
    await givenYoungPeople(table, '265', ['y-placed', 'y-invited']);
    const host = withContact(aHost('c-gone', '265', { places: 2 }), 'c-gone-keeper');
    await givenHosts(table, host, aHost('c-other', '265'));
    const [placement] = await givenPlacements(table, [
      aPlacement({ youthId: 'y-placed', companyId: 'c-gone', status: 'ACTIVE' }),
    ]);
    placementId = placement?.id ?? '';
    await givenYouthCompanyLink(table, 'y-placed', 'c-gone', [`PLACEMENT#${placementId}`]);
    await givenIntroduction(table, { youthId: 'y-invited', companyId: 'c-gone' });
    const sent = await execute<{ inviteYouth: { invitation: { id: string } | null } }>(
      placements,
      testContext(table, colleague),
      INVITE,
      { input: { youthId: 'y-invited', message: 'Kom forbi', answerWithinDays: 14 } },
    );
    invitationId = sent.data?.inviteYouth.invitation?.id ?? '';
    const group = await givenGroup(table, { municipalityCode: '265', kind: 'COMPANY' });
    groupId = group.id;
    await execute(learning, testContext(table, staffIdentity('265')), ADD_MEMBERS, {
      input: { groupId, expectedVersion: 1, memberIds: ['c-gone-keeper'] },
    });
    const removal = await execute(
      companies,
      testContext(table, staffIdentity('265')),
      REMOVE_CONTACT,
      { input: { contactId: 'c-gone-contact', expectedVersion: host.company.version } },
    );
    expect(removal.data).toEqual({
      removeCompanyContact: { removedContactId: 'c-gone-contact', errors: [] },
    });
  });

  it("placements: reads none of the company's placements, wishes and invitations", async () => {
    // Act
    const listed = await askedBy(
      placements,
      entitiesQuery(
        'Company',
        `placements { edges { node { id } } } wishes { edges { node { id } } }
         invitations { edges { node { id } } }`,
      ),
      () => ({ representations: [representation('Company', 'c-gone')] }),
    );
    const one = await askedBy(
      placements,
      'query ($id: ID!) { placement(id: $id) { id company { id } } }',
      () => ({ id: placementId }),
    );
    const young = await askedBy(placements, entitiesQuery('Youth', 'id'), () => ({
      representations: [representation('Youth', 'y-placed')],
    }));
    // Assess
    for (const answers of [listed, one, young]) {
      expect(answers.colleague.errors).toBeUndefined();
      expect(answers.removed).toEqual(answers.stranger);
    }
  });

  it('placements: may not withdraw the invitation the company sent', async () => {
    // Prepare
    const nobody = newId();
    // Act
    const unknown = await execute(placements, testContext(table, removed), WITHDRAW, {
      input: { invitationId: nobody, expectedVersion: 1 },
    });
    const answers = await askedBy(placements, WITHDRAW, () => ({
      input: { invitationId, expectedVersion: 1 },
    }));
    // Assess: a company withdraws its own invitations, so the rule lets a contact through for an
    // id of nothing; the removed contact, like the stranger, hears what an unknown invitation
    // gets, the payload's not-found error, and the invitation stays open (#18, class 7).
    expect(answers.removed).toEqual(answers.stranger);
    expect(answers.removed.errors).toBeUndefined();
    expect(answers.removed.data).toMatchObject({
      withdrawInvitation: { invitation: null, errors: [{}] },
    });
    expect(JSON.stringify(answers.removed).replaceAll(invitationId, 'ID')).toBe(
      JSON.stringify(unknown).replaceAll(nobody, 'ID'),
    );
    expect(answers.colleague.data).toEqual({
      withdrawInvitation: { invitation: { status: 'WITHDRAWN' }, errors: [] },
    });
  });

  it("learning community: sees none of the company's network groups", async () => {
    // Act
    const answers = await askedBy(
      learning,
      entitiesQuery('Company', 'id networkGroups { id }'),
      () => ({ representations: [representation('Company', 'c-gone')] }),
    );
    const group = await askedBy(
      learning,
      'query ($id: ID!) { networkGroup(id: $id) { id } }',
      () => ({
        id: groupId,
      }),
    );
    // Assess
    expect(answers.colleague.data).toEqual({
      _entities: [{ id: 'c-gone', networkGroups: [{ id: groupId }] }],
    });
    expect(answers.removed).toEqual(answers.stranger);
    expect(group.colleague.errors).toBeUndefined();
    expect(group.removed).toEqual(group.stranger);
  });

  it("people and companies: sees neither the placed young person nor the company's details", async () => {
    // Act
    const youth = await askedBy(people, 'query ($id: ID!) { youth(id: $id) { id name } }', () => ({
      id: 'y-placed',
    }));
    const company = await askedBy(
      companies,
      'query ($id: ID!) { company(id: $id) { id contacts { id phone } } }',
      () => ({ id: 'c-gone' }),
    );
    // Assess
    expect(youth.colleague.errors).toBeUndefined();
    expect(youth.removed).toEqual(youth.stranger);
    expect(company.colleague.errors).toBeUndefined();
    expect(company.removed).toEqual(company.stranger);
  });

  it('has their refusals audited as anyone else’s', async () => {
    // Act
    await execute(
      placements,
      testContext(table, removed),
      'query ($id: ID!) { placement(id: $id) { id } }',
      {
        id: placementId,
      },
    );
    // Assess
    const refusals = (await everyItem(table)).filter(
      (item) => item.action === 'REFUSED' && item.subject === removed.subject,
    );
    expect(refusals.length).toBeGreaterThan(0);
    expect(refusals.every((item) => item.role === 'COMPANY_CONTACT')).toBe(true);
  });
});
