import { beforeAll, describe, expect, it } from 'vitest';
import { AUDIT_KEYS } from '#kernel/audit';
import type { Identity } from '#kernel/identity';
import { newId } from '#kernel/keys';
import { sharedKeys } from '#kernel/shared-keys';
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
  changedItems,
  entitiesQuery,
  givenHosts,
  givenIntroduction,
  givenYoungPeople,
  representation,
} from '../support/placements-factories.ts';
import { createTestTable } from '../support/table.ts';

const INVITE = `mutation ($input: InviteYouthInput!) { inviteYouth(input: $input) {
  invitation { id status message expiresAt version youth { id } company { id } opportunity { id } } errors { code message path }
} }`;
const ANSWER = `mutation ($input: AnswerInvitationInput!) { answerInvitation(input: $input) {
  invitation { id status answeredAt version } errors { code }
} }`;
const WITHDRAW = `mutation ($input: WithdrawInvitationInput!) { withdrawInvitation(input: $input) {
  invitation { id status } errors { code message }
} }`;

type Invited = {
  inviteYouth: {
    invitation: { id: string; expiresAt: string; version: number } | null;
    errors: Array<{ code: string }>;
  };
};

describe('placements subgraph: invitations', () => {
  let table: Table;
  const monday = new Date('2026-11-02T09:00:00Z');
  const as = (identity: Identity | null, now = monday) => testContext(table, identity, now);
  const invite = (identity: Identity, input: Record<string, unknown>) =>
    execute<Invited>(server, as(identity), INVITE, {
      input: { message: 'Kom og prøv værkstedet', ...input },
    });
  const reasons = async (youthId: string, companyId: string) =>
    (await table.get(sharedKeys.youthCompanyLink(youthId, companyId)))?.reasons;

  beforeAll(async () => {
    table = await createTestTable();
    await givenYoungPeople(table, '265', ['y-1', 'y-2', 'y-3', 'y-4', 'y-5', 'y-6', 'y-7']);
    await givenYoungPeople(table, '101', ['y-cph']);
    await givenHosts(
      table,
      aHost('c-1', '265'),
      aHost('c-2', '265'),
      aHost('c-paused', '265', { status: 'PAUSED' }),
    );
    // Meeting first, then the invitation: the team introduced each pair these tests invite.
    const introduced = [
      ['y-1', 'c-1'],
      ['y-2', 'c-1'],
      ['y-3', 'c-paused'],
      ['y-4', 'c-1'],
      ['y-5', 'c-1'],
      ['y-6', 'c-2'],
      ['y-7', 'c-2'],
      ['y-7', 'c-1'],
    ];
    for (const [youthId, companyId] of introduced) {
      await givenIntroduction(table, { youthId, companyId });
    }
  });

  it('sends a contact’s invitation with its due time and ties the young person to the company', async () => {
    // Act
    const result = await invite(companyContactIdentity('c-1'), {
      youthId: 'y-1',
      opportunityId: 'c-1-opp',
      answerWithinDays: 7,
    });
    // Assess
    expect(result.errors).toBeUndefined();
    const invitation = result.data?.inviteYouth.invitation;
    expect(result.data?.inviteYouth).toMatchObject({
      invitation: {
        status: 'PENDING',
        youth: { id: 'y-1' },
        company: { id: 'c-1' },
        opportunity: { id: 'c-1-opp' },
      },
      errors: [],
    });
    expect(invitation?.expiresAt).toBe('2026-11-09T09:00:00.000Z');
    expect(await reasons('y-1', 'c-1')).toEqual(
      new Set([`INVITATION#${invitation?.id}#UNTIL#2026-11-09T09:00:00.000Z`]),
    );
  });

  it('lets the team invite on the company’s behalf', async () => {
    // Act
    const result = await invite(staffIdentity('265'), { youthId: 'y-2', companyId: 'c-1' });
    // Assess
    expect(result.data?.inviteYouth).toMatchObject({
      invitation: { status: 'PENDING' },
      errors: [],
    });
  });

  it.each([
    // Not met, as a young person of another municipality cannot be: no more to learn.
    ['a young person of another municipality', { youthId: 'y-cph' }, 'NO_MEETING_YET'],
    ['a young person already invited', { youthId: 'y-1' }, 'INVITATION_ALREADY_PENDING'],
  ])('refuses to invite %s', async (_what, input, code) => {
    // Act
    const result = await invite(companyContactIdentity('c-1'), input);
    // Assess
    expect(result.data?.inviteYouth).toMatchObject({ invitation: null, errors: [{ code }] });
  });

  it('refuses an invitation from a paused company', async () => {
    // Act
    const result = await invite(companyContactIdentity('c-paused'), { youthId: 'y-3' });
    // Assess
    expect(result.data?.inviteYouth).toMatchObject({
      invitation: null,
      errors: [{ code: 'COMPANY_NOT_ACTIVE' }],
    });
    expect(await reasons('y-3', 'c-paused')).toBeUndefined();
  });

  it.each([
    [
      'a contact on behalf of another company',
      companyContactIdentity('c-paused'),
      { companyId: 'c-1' },
    ],
    ['a young person', youthIdentity('265', 'y-3'), { companyId: 'c-1' }],
    ['the programme office', programmeIdentity(), { companyId: 'c-1' }],
  ])('refuses %s to invite', async (_who, identity, input) => {
    // Act
    const result = await invite(identity, { youthId: 'y-3', ...input });
    // Assess
    expect(errorCodes(result)).toEqual(['FORBIDDEN']);
  });

  it('answers the team of another municipality inviting on behalf of a company as an unknown company, and writes nothing', async () => {
    // Prepare
    const nobody = newId();
    const before = await changedItems(table);
    // Act
    const result = await invite(staffIdentity('101'), { youthId: 'y-3', companyId: 'c-1' });
    const unknown = await invite(staffIdentity('101'), { youthId: 'y-3', companyId: nobody });
    // Assess: a stranger to the company hears what an unknown id gets (#18, class 7)
    expect(errorCodes(result)).toEqual([]);
    expect(result.data?.inviteYouth).toMatchObject({ invitation: null, errors: [{}] });
    expect(JSON.stringify(result).replaceAll('c-1', 'ID')).toBe(
      JSON.stringify(unknown).replaceAll(nobody, 'ID'),
    );
    expect(await changedItems(table)).toEqual(before);
    expect(await reasons('y-3', 'c-1')).toBeUndefined();
  });

  it('lets the young person accept, which ends the invitation’s tie; the decision is theirs alone', async () => {
    // Prepare
    const sent = await invite(companyContactIdentity('c-1'), { youthId: 'y-4' });
    const invitationId = sent.data?.inviteYouth.invitation?.id;
    // Act
    const byStaff = await execute(server, as(staffIdentity('265')), ANSWER, {
      input: { invitationId, accept: true, expectedVersion: 1 },
    });
    const byCompany = await execute(server, as(companyContactIdentity('c-1')), ANSWER, {
      input: { invitationId, accept: true, expectedVersion: 1 },
    });
    const byOther = await execute(server, as(youthIdentity('265', 'y-5')), ANSWER, {
      input: { invitationId, accept: true, expectedVersion: 1 },
    });
    const byThem = await execute(server, as(youthIdentity('265', 'y-4')), ANSWER, {
      input: { invitationId, accept: true, expectedVersion: 1 },
    });
    const again = await execute(server, as(youthIdentity('265', 'y-4')), ANSWER, {
      input: { invitationId, accept: false, expectedVersion: 2 },
    });
    // Assess
    expect(errorCodes(byStaff)).toEqual(['FORBIDDEN']);
    expect(errorCodes(byCompany)).toEqual(['FORBIDDEN']);
    expect(byOther.data?.answerInvitation).toMatchObject({
      invitation: null,
      errors: [{ code: 'NOT_YOUR_INVITATION' }],
    });
    expect(byThem.data?.answerInvitation).toMatchObject({
      invitation: { status: 'ACCEPTED' },
      errors: [],
    });
    expect(again.data?.answerInvitation).toMatchObject({
      errors: [{ code: 'INVITATION_ALREADY_ANSWERED' }],
    });
    // Answered, it is no longer open: only the placement it leads to ties them again.
    expect(await reasons('y-4', 'c-1')).toBeUndefined();
  });

  it('unties the young person from the company when they decline', async () => {
    // Prepare
    const sent = await invite(companyContactIdentity('c-1'), { youthId: 'y-5' });
    const invitationId = sent.data?.inviteYouth.invitation?.id;
    // Act
    const result = await execute(server, as(youthIdentity('265', 'y-5')), ANSWER, {
      input: { invitationId, accept: false, expectedVersion: 1 },
    });
    // Assess
    expect(result.data?.answerInvitation).toMatchObject({
      invitation: { status: 'DECLINED' },
      errors: [],
    });
    expect(await reasons('y-5', 'c-1')).toBeUndefined();
  });

  it('shows an unanswered invitation as EXPIRED after its due time and refuses an answer', async () => {
    // Prepare
    const node = await firstInvitationOf('y-1');
    const later = new Date('2026-11-10T09:00:00Z');
    // Act
    const shown = await execute(
      server,
      as(youthIdentity('265', 'y-1'), later),
      'query ($id: ID!) { invitation(id: $id) { status } }',
      {
        id: node.id,
      },
    );
    const answered = await execute(server, as(youthIdentity('265', 'y-1'), later), ANSWER, {
      input: { invitationId: node.id, accept: true, expectedVersion: node.version },
    });
    // Assess
    expect(shown.data).toEqual({ invitation: { status: 'EXPIRED' } });
    expect(answered.data?.answerInvitation).toMatchObject({
      invitation: null,
      errors: [{ code: 'INVITATION_EXPIRED' }],
    });
  });

  it('lets the company withdraw an unanswered invitation, untying the young person', async () => {
    // Prepare
    const node = await firstInvitationOf('y-2');
    // Act
    const nobody = newId();
    const byOther = await execute(server, as(companyContactIdentity('c-paused')), WITHDRAW, {
      input: { invitationId: node.id, expectedVersion: node.version },
    });
    const unknownToOther = await execute(server, as(companyContactIdentity('c-paused')), WITHDRAW, {
      input: { invitationId: nobody, expectedVersion: node.version },
    });
    const stillUnanswered = await reasons('y-2', 'c-1');
    const result = await execute(server, as(companyContactIdentity('c-1')), WITHDRAW, {
      input: { invitationId: node.id, expectedVersion: node.version },
    });
    // Assess: another company is a stranger to the invitation and hears what an unknown id
    // gets, the payload's not-found error, withdrawing nothing (#18, class 7)
    expect(errorCodes(byOther)).toEqual([]);
    expect(byOther.data?.withdrawInvitation).toMatchObject({ invitation: null, errors: [{}] });
    expect(JSON.stringify(byOther).replaceAll(node.id, 'ID')).toBe(
      JSON.stringify(unknownToOther).replaceAll(nobody, 'ID'),
    );
    expect(stillUnanswered).not.toBeUndefined();
    expect(result.data?.withdrawInvitation).toMatchObject({
      invitation: { status: 'WITHDRAWN' },
      errors: [],
    });
    expect(await reasons('y-2', 'c-1')).toBeUndefined();
  });

  it("lists the company's invitations to its contact and refuses them to others", async () => {
    // Act
    const own = await execute(
      server,
      as(companyContactIdentity('c-1')),
      entitiesQuery('Company', 'invitations { edges { node { youth { id } } } }'),
      {
        representations: [representation('Company', 'c-1')],
      },
    );
    const other = await execute(
      server,
      as(companyContactIdentity('c-paused')),
      entitiesQuery('Company', 'invitations { edges { node { id } } }'),
      {
        representations: [representation('Company', 'c-1')],
      },
    );
    // Assess
    expect(own.errors).toBeUndefined();
    expect(
      ((own.data?._entities ?? []) as Array<{ invitations: { edges: unknown[] } }>)[0]?.invitations
        .edges,
    ).toHaveLength(4);
    expect(errorCodes(other)).toEqual(['FORBIDDEN']);
  });

  it.each([
    ['another young person', youthIdentity('265', 'y-2')],
    ['the team of another municipality', staffIdentity('101')],
    ['the programme office', programmeIdentity()],
  ])("refuses %s a young person's invitations", async (_who, identity) => {
    // Act
    const result = await execute(
      server,
      as(identity),
      entitiesQuery('Youth', 'invitations { edges { node { id } } }'),
      {
        representations: [representation('Youth', 'y-1')],
      },
    );
    // Assess
    expect(errorCodes(result)).toEqual(['FORBIDDEN']);
  });

  it('turns an accepted invitation into a placement and swaps the tie’s reason', async () => {
    // Prepare
    const node = await firstInvitationOf('y-4');
    // Act
    const result = await execute(
      server,
      as(staffIdentity('265')),
      `mutation ($input: CreatePlacementInput!) { createPlacement(input: $input) {
        placement { id origin { kind invitation { id placement { id } } } } errors { code }
      } }`,
      {
        input: {
          youthId: 'y-4',
          opportunityId: 'c-1-opp',
          mentorContactId: 'c-1-contact',
          startDate: '2026-11-09',
          weeklyHours: 20,
          invitationId: node.id,
          plan: { goals: ['Prøve værkstedet'], tasks: ['Klargøring'] },
        },
      },
    );
    // Assess
    expect(result.errors).toBeUndefined();
    const placement = ((result.data?.createPlacement ?? {}) as { placement: { id: string } })
      .placement;
    expect(result.data?.createPlacement).toMatchObject({
      placement: {
        origin: {
          kind: 'INVITATION',
          invitation: { id: node.id, placement: { id: placement.id } },
        },
      },
      errors: [],
    });
    expect(await reasons('y-4', 'c-1')).toEqual(new Set([`PLACEMENT#${placement.id}`]));
  });

  describe('sent again, or on a stale version', () => {
    it('answers a repeat of an invitation with the same idempotency key with the first and writes nothing', async () => {
      // Prepare
      const input = { youthId: 'y-6', idempotencyKey: 'invite-y-6' };
      const first = await invite(companyContactIdentity('c-2'), input);
      const items = (await changedItems(table)).length;
      // Act
      const again = await invite(companyContactIdentity('c-2'), input);
      // Assess
      expect(first.data?.inviteYouth.errors).toEqual([]);
      expect(again.data?.inviteYouth).toEqual(first.data?.inviteYouth);
      expect((await changedItems(table)).length).toBe(items);
    });

    it('refuses the same key with another invitation with IDEMPOTENCY_KEY_REUSED and writes nothing', async () => {
      // Prepare
      await invite(companyContactIdentity('c-2'), { youthId: 'y-7', idempotencyKey: 'invite-y-7' });
      const items = (await changedItems(table)).length;
      // Act
      const reused = await invite(companyContactIdentity('c-2'), {
        youthId: 'y-7',
        message: 'Et andet budskab',
        idempotencyKey: 'invite-y-7',
      });
      // Assess
      expect(errorCodes(reused)).toEqual(['IDEMPOTENCY_KEY_REUSED']);
      expect((await changedItems(table)).length).toBe(items);
    });

    it('refuses an answer and a withdrawal on a stale version with CONFLICT, writing nothing', async () => {
      // Prepare
      const node = await firstInvitationOf('y-6');
      const items = await changedItems(table);
      // Act
      const answered = await execute(server, as(youthIdentity('265', 'y-6')), ANSWER, {
        input: { invitationId: node.id, accept: true, expectedVersion: node.version + 1 },
      });
      const withdrawn = await execute(server, as(companyContactIdentity('c-2')), WITHDRAW, {
        input: { invitationId: node.id, expectedVersion: node.version - 1 },
      });
      // Assess
      for (const stale of [answered, withdrawn]) {
        expect(stale.errors?.[0]?.extensions).toMatchObject({
          code: 'CONFLICT',
          currentVersion: node.version,
        });
      }
      expect(await changedItems(table)).toEqual(items);
    });

    it("records each change of an invitation in the young person's audit trail", async () => {
      // Prepare
      const node = await firstInvitationOf('y-7');
      // Act
      await execute(server, as(youthIdentity('265', 'y-7')), ANSWER, {
        input: { invitationId: node.id, accept: false, expectedVersion: node.version },
      });
      const sent = await invite(staffIdentity('265'), { youthId: 'y-7', companyId: 'c-1' });
      await execute(server, as(staffIdentity('265')), WITHDRAW, {
        input: {
          invitationId: sent.data?.inviteYouth.invitation?.id,
          expectedVersion: sent.data?.inviteYouth.invitation?.version,
        },
      });
      // Assess
      const trail = await table.queryAll({ partition: AUDIT_KEYS.youthPartition('y-7') });
      const changes = trail.filter((item) => item.action === 'CHANGE').map((item) => item.target);
      expect(changes.sort()).toEqual([
        'Mutation.answerInvitation',
        'Mutation.inviteYouth',
        'Mutation.inviteYouth',
        'Mutation.withdrawInvitation',
      ]);
    });
  });

  async function firstInvitationOf(youthId: string): Promise<{ id: string; version: number }> {
    const result = await execute<{
      _entities: Array<{
        invitations: { edges: Array<{ node: { id: string; version: number } }> };
      }>;
    }>(
      server,
      as(youthIdentity('265', youthId)),
      entitiesQuery('Youth', 'invitations { edges { node { id version } } }'),
      { representations: [representation('Youth', youthId)] },
    );
    const node = result.data?._entities[0]?.invitations.edges[0]?.node;
    if (!node) throw new Error(`${youthId} has an invitation`);
    return node;
  }
});
