import { DeleteItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { AUDIT_KEYS } from '#kernel/audit';
import type { Identity } from '#kernel/identity';
import type { Table } from '#kernel/table/table';
import { youthCompanyTieKey } from '#kernel/ties';
import { server } from '#placements/server';
import { testContext } from '../support/context.ts';
import { execute } from '../support/execute.ts';
import { companyContactIdentity, staffIdentity, youthIdentity } from '../support/identities.ts';
import {
  aHost,
  changedItems,
  createPlacementInput,
  givenHosts,
  givenYoungPeople,
  introduceYouthToCompanyInput,
} from '../support/placements-factories.ts';
import { createTestTable } from '../support/table.ts';

const INVITE = `mutation ($input: InviteYouthInput!) { inviteYouth(input: $input) {
  invitation { id status } errors { code path }
} }`;

type Invited = {
  inviteYouth: { invitation: { id: string } | null; errors: Array<{ code: string }> };
};

describe('placements subgraph: meeting first, then the invitation', () => {
  let table: Table;
  const monday = new Date('2026-11-02T09:00:00Z');
  const as = (identity: Identity) => testContext(table, identity, monday);
  const run = (identity: Identity, document: string, input: Record<string, unknown>) =>
    execute<Record<string, { errors: Array<{ code: string }> } & Record<string, unknown>>>(
      server,
      as(identity),
      document,
      { input },
    );
  const invite = (identity: Identity, input: Record<string, unknown>) =>
    execute<Invited>(server, as(identity), INVITE, {
      input: { message: 'Kom og prøv lageret', ...input },
    });
  const team = staffIdentity('265');
  const contact = companyContactIdentity('c-1');

  beforeAll(async () => {
    table = await createTestTable();
    await givenYoungPeople(table, '265', [
      'y-wish',
      'y-placed',
      'y-event',
      'y-future',
      'y-intro',
      'y-none',
      'y-staff',
      'y-old',
    ]);
    await givenYoungPeople(table, '101', ['y-cph']);
    await givenHosts(table, aHost('c-1', '265'), aHost('c-2', '265'));
  });

  describe('allows a company to invite a young person', () => {
    it('who wished for it, even once the wish was withdrawn', async () => {
      // Prepare
      const wished = await run(
        youthIdentity('265', 'y-wish'),
        `mutation ($input: CreateWishInput!) { createWish(input: $input) { wish { id version } errors { code } } }`,
        { companyId: 'c-1', rank: 1, motivation: 'Jeg vil gerne arbejde på lager' },
      );
      expect(wished.errors).toBeUndefined();
      const wish = wished.data?.createWish?.wish as { id: string; version: number };
      await run(
        youthIdentity('265', 'y-wish'),
        `mutation ($input: WithdrawWishInput!) { withdrawWish(input: $input) { errors { code } } }`,
        { wishId: wish.id, expectedVersion: wish.version },
      );
      // Act
      const result = await invite(contact, { youthId: 'y-wish' });
      // Assess
      expect(result.data?.inviteYouth).toMatchObject({ invitation: { id: expect.any(String) } });
      expect(result.data?.inviteYouth.errors).toEqual([]);
      // The wish let the invitation through; the invitation is a further source of the tie.
      expect((await table.get(youthCompanyTieKey('y-wish', 'c-1')))?.reasons).toEqual(
        new Set([`WISH#${wish.id}`, `INVITATION#${result.data?.inviteYouth.invitation?.id}`]),
      );
    });

    it('who has had a placement with it', async () => {
      // Prepare
      const placed = await run(
        team,
        `mutation ($input: CreatePlacementInput!) { createPlacement(input: $input) { placement { id } errors { code } } }`,
        createPlacementInput('y-placed', 'c-1'),
      );
      expect(placed.data?.createPlacement?.errors).toEqual([]);
      // Act
      const result = await invite(contact, { youthId: 'y-placed' });
      // Assess
      expect(result.data?.inviteYouth.errors).toEqual([]);
    });

    it('who wished for it or had a placement with it before ties were kept (no tie item)', async () => {
      // Prepare: a wish and a placement as a table written before this release holds them
      const wished = await run(
        youthIdentity('265', 'y-old'),
        `mutation ($input: CreateWishInput!) { createWish(input: $input) { wish { id } errors { code } } }`,
        { companyId: 'c-1', rank: 1, motivation: 'Jeg vil gerne arbejde på lager' },
      );
      expect(wished.data?.createWish?.errors).toEqual([]);
      const placed = await run(
        team,
        `mutation ($input: CreatePlacementInput!) { createPlacement(input: $input) { placement { id } errors { code } } }`,
        createPlacementInput('y-old', 'c-2'),
      );
      expect(placed.data?.createPlacement?.errors).toEqual([]);
      for (const company of ['c-1', 'c-2']) {
        const Key = marshall(youthCompanyTieKey('y-old', company));
        await table.client.send(new DeleteItemCommand({ TableName: table.name, Key }));
      }
      // Act
      const byWish = await invite(contact, { youthId: 'y-old' });
      const byPlacement = await invite(companyContactIdentity('c-2'), { youthId: 'y-old' });
      // Assess
      expect(byWish.data?.inviteYouth.errors).toEqual([]);
      expect(byPlacement.data?.inviteYouth.errors).toEqual([]);
    });

    it('whom it met at a matching event both attended, once the event was held', async () => {
      // Prepare
      await run(
        team,
        `mutation ($input: CreateMatchingEventInput!) { createMatchingEvent(input: $input) { errors { code } } }`,
        {
          municipalityCode: '265',
          title: 'Matchdag',
          date: '2026-10-20',
          place: 'Jobcentret',
          youthIds: ['y-event'],
          companyIds: ['c-1'],
        },
      );
      // Act
      const result = await invite(contact, { youthId: 'y-event' });
      // Assess
      expect(result.data?.inviteYouth.errors).toEqual([]);
    });

    it('whom the team introduced to it', async () => {
      // Prepare
      const introduced = await run(
        team,
        `mutation ($input: IntroduceYouthToCompanyInput!) { introduceYouthToCompany(input: $input) { errors { code } } }`,
        introduceYouthToCompanyInput({ youthId: 'y-intro', companyId: 'c-1' }),
      );
      expect(introduced.data?.introduceYouthToCompany?.errors).toEqual([]);
      // Act
      const result = await invite(contact, { youthId: 'y-intro' });
      // Assess
      expect(result.data?.inviteYouth.errors).toEqual([]);
    });
  });

  describe('refuses with NO_MEETING_YET', () => {
    it('an invitation of a young person the company has not met, writing nothing and auditing the attempt', async () => {
      // Prepare
      const before = await changedItems(table);
      // Act
      const result = await invite(contact, { youthId: 'y-none' });
      // Assess
      expect(result.data?.inviteYouth).toEqual({
        invitation: null,
        errors: [{ code: 'NO_MEETING_YET', path: ['youthId'] }],
      });
      expect(await changedItems(table)).toEqual(before);
      const trail = await table.queryAll({ partition: AUDIT_KEYS.youthPartition('y-none') });
      expect(trail).toEqual([
        expect.objectContaining({
          action: 'REFUSED',
          target: 'Mutation.inviteYouth',
          role: 'COMPANY_CONTACT',
          municipalityCode: '265',
          reason: expect.stringMatching(/^NO_MEETING_YET/),
        }),
      ]);
      const refused = await table.queryAll({
        index: 'gsi1',
        partition: AUDIT_KEYS.refusedPartition('265'),
      });
      expect(refused.filter((item) => item.youthId === 'y-none')).toHaveLength(1);
    });

    it('an invitation after an event still to come, or one the company was not at', async () => {
      // Prepare
      const event = `mutation ($input: CreateMatchingEventInput!) { createMatchingEvent(input: $input) { errors { code } } }`;
      const common = { municipalityCode: '265', title: 'Matchdag', place: 'Kulturhuset' };
      await run(team, event, {
        ...common,
        date: '2026-11-20',
        youthIds: ['y-future'],
        companyIds: ['c-1'],
      });
      await run(team, event, {
        ...common,
        date: '2026-10-01',
        youthIds: ['y-future'],
        companyIds: ['c-2'],
      });
      // Act
      const result = await invite(contact, { youthId: 'y-future' });
      // Assess
      expect(result.data?.inviteYouth.errors).toEqual([
        { code: 'NO_MEETING_YET', path: ['youthId'] },
      ]);
    });

    it.each([
      ['that does not exist', 'y-ghost'],
      ['of another municipality', 'y-cph'],
    ])('with the same answer for a young person %s', async (_what, youthId) => {
      // Act
      const result = await invite(contact, { youthId });
      // Assess
      expect(result.data?.inviteYouth.errors).toEqual([
        { code: 'NO_MEETING_YET', path: ['youthId'] },
      ]);
      // No trail is opened under an id the company made up or may not know.
      expect(await table.queryAll({ partition: AUDIT_KEYS.youthPartition(youthId) })).toEqual([]);
    });

    it("the team's invitation on a company's behalf too: the team introduces first", async () => {
      // Act
      const result = await invite(team, { youthId: 'y-staff', companyId: 'c-2' });
      // Assess
      expect(result.data?.inviteYouth.errors).toEqual([
        { code: 'NO_MEETING_YET', path: ['youthId'] },
      ]);
    });
  });
});
