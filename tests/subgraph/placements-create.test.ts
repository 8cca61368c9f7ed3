import { beforeAll, describe, expect, it } from 'vitest';
import { AUDIT_KEYS } from '#kernel/audit';
import { createItemLoader } from '#kernel/entity-loader';
import { newId } from '#kernel/keys';
import { sharedKeys } from '#kernel/shared-keys';
import type { Table } from '#kernel/table/table';
import { loadYouthGuard } from '#placements/repository/placement-repository';
import { statusCountersKey } from '#placements/repository/placement-stats-entity';
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
  givenHost,
  givenHosts,
  givenYoungPeople,
  createPlacementInput as input,
  withContact,
} from '../support/placements-factories.ts';
import { createTestTable } from '../support/table.ts';

const CREATE = `mutation ($input: CreatePlacementInput!) {
  createPlacement(input: $input) {
    placement {
      id status startDate endDate weeklyHours youth { id } company { id } mentor { id }
      plan { goals tasks support } checkpoints { id dueDate completedOn } origin { kind }
    }
    errors { code message path }
  }
}`;

type CreateResult = {
  createPlacement: {
    placement: { id: string; status: string; endDate: string } | null;
    errors: Array<{ code: string; path: string[] | null }>;
  };
};

describe('placements subgraph: createPlacement', () => {
  let table: Table;
  const staff = () => testContext(table, staffIdentity('265'));
  const create = (variables: Record<string, unknown>, context = staff()) =>
    execute<CreateResult>(server, context, CREATE, { input: variables });

  beforeAll(async () => {
    table = await createTestTable();
    await givenYoungPeople(table, '265', ['y-1', 'y-2', 'y-3', 'y-4', 'y-5', 'y-6', 'y-7', 'y-8']);
    await givenYoungPeople(table, '265', ['y-9', 'y-10', 'y-11']);
    await givenYoungPeople(table, '101', ['y-cph']);
    await givenHosts(
      table,
      aHost('c-1', '265', { places: 2 }),
      aHost('c-one', '265', { places: 1 }),
      aHost('c-big', '265', { places: 5 }),
      aHost('c-closed', '265', { open: false }),
      aHost('c-paused', '265', { status: 'PAUSED' }),
      aHost('c-left', '265', { status: 'LEFT' }),
      // A second contact of Copenhagen's host: a mentor of another company than Roskilde's.
      withContact(aHost('c-cph', '101'), 'stranger'),
    );
    await givenHost(table, 'c-many', '265', { places: 10 });
  });

  it('creates a placement starting today: active, three months, standard checkpoints', async () => {
    // Act
    const result = await create(input('y-1', 'c-1'));
    // Assess
    expect(result.errors).toBeUndefined();
    const { placement, errors } = result.data?.createPlacement ?? {};
    expect(errors).toEqual([]);
    expect(placement).toMatchObject({
      status: 'ACTIVE',
      startDate: '2026-11-26',
      endDate: '2027-02-26',
      weeklyHours: 25,
      youth: { id: 'y-1' },
      company: { id: 'c-1' },
      mentor: { id: 'c-1-contact' },
      plan: {
        goals: ['Lære at køre truck'],
        tasks: ['Plukke ordrer'],
        support: ['Mentor hver fredag'],
      },
      origin: { kind: 'STAFF' },
    });
    expect((placement as unknown as { checkpoints: unknown[] }).checkpoints).toHaveLength(3);
  });

  it('writes the young person in placement, the link to the company and the counters in the same transaction', async () => {
    // Act
    const result = await create(input('y-2', 'c-1'));
    // Assess
    const id = result.data?.createPlacement.placement?.id as string;
    const youth = await table.get(sharedKeys.youth('y-2'));
    const link = await table.get(sharedKeys.youthCompanyLink('y-2', 'c-1'));
    const guard = await loadYouthGuard(createItemLoader(table), 'y-2');
    const counters = await table.get(statusCountersKey('265'));
    expect(youth?.status).toBe('IN_PLACEMENT');
    expect(link?.reasons).toEqual(new Set([`PLACEMENT#${id}`]));
    expect(guard.placements[id]).toEqual({
      startDate: '2026-11-26',
      endDate: '2027-02-26',
      status: 'ACTIVE',
    });
    expect(counters?.ACTIVE).toBeGreaterThanOrEqual(2);
  });

  it('plans a placement that starts later, leaving the young person as they are', async () => {
    // Act
    const result = await create(
      input('y-3', 'c-big', { startDate: '2027-01-04', endDate: '2027-03-31' }),
    );
    // Assess
    expect(result.data?.createPlacement.placement).toMatchObject({
      status: 'PLANNED',
      endDate: '2027-03-31',
    });
    expect((await table.get(sharedKeys.youth('y-3')))?.status).toBe('ENROLLED');
  });

  it('lets the host company contact see the new placement', async () => {
    // Prepare
    const created = await create(input('y-4', 'c-one'));
    const id = created.data?.createPlacement.placement?.id;
    // Act
    const result = await execute(
      server,
      testContext(table, companyContactIdentity('c-one')),
      `{ placement(id: "${id}") { id status youth { id } } }`,
    );
    // Assess
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ placement: { id, status: 'ACTIVE', youth: { id: 'y-4' } } });
  });

  it.each([
    [
      'ending before it starts',
      input('y-5', 'c-1', { endDate: '2026-11-01' }),
      'END_BEFORE_START',
      ['endDate'],
    ],
    [
      'overlapping another of the young person',
      input('y-1', 'c-1', { startDate: '2027-01-10' }),
      'OVERLAPPING_PLACEMENT',
      ['startDate'],
    ],
    [
      'at a full opportunity',
      input('y-5', 'c-one', { startDate: '2027-01-01' }),
      'OPPORTUNITY_FULL',
      ['opportunityId'],
    ],
    ['at a closed opportunity', input('y-5', 'c-closed'), 'OPPORTUNITY_CLOSED', ['opportunityId']],
    ['at a paused company', input('y-5', 'c-paused'), 'COMPANY_NOT_ACTIVE', ['opportunityId']],
    ['at a company that has left', input('y-5', 'c-left'), 'COMPANY_NOT_ACTIVE', ['opportunityId']],
    [
      'at a company of another municipality, as at no opportunity',
      input('y-5', 'c-cph'),
      'OPPORTUNITY_NOT_FOUND',
      ['opportunityId'],
    ],
    [
      'with a mentor of another company',
      input('y-5', 'c-1', { mentorContactId: 'stranger' }),
      'MENTOR_NOT_AT_COMPANY',
      ['mentorContactId'],
    ],
    [
      "longer than the young person's benefit category allows without an assessment (13 weeks)",
      input('y-5', 'c-1', { startDate: '2026-11-26', endDate: '2027-03-05' }),
      'PLACEMENT_LENGTH_LIMIT_EXCEEDED',
      ['endDate'],
    ],
    [
      'for a young person who does not exist',
      input('y-none', 'c-1'),
      'YOUTH_NOT_FOUND',
      ['youthId'],
    ],
    [
      'from a wish that does not exist',
      input('y-5', 'c-big', { wishId: 'w-none' }),
      'WISH_NOT_FOUND',
      ['wishId'],
    ],
    [
      'from an invitation that does not exist',
      input('y-5', 'c-big', { invitationId: 'i-none' }),
      'INVITATION_NOT_FOUND',
      ['invitationId'],
    ],
  ])(
    'refuses a placement %s with a user error and writes nothing',
    async (_what, variables, code, path) => {
      // Prepare
      const countersBefore = await table.get(statusCountersKey('265'));
      // Act
      const result = await create(variables);
      // Assess
      expect(result.errors).toBeUndefined();
      expect(result.data?.createPlacement).toMatchObject({
        placement: null,
        errors: [{ code, path }],
      });
      expect(await table.get(statusCountersKey('265'))).toEqual(countersBefore);
      expect((await loadYouthGuard(createItemLoader(table), 'y-5')).placements).toEqual({});
    },
  );

  it('accepts a placement at a one-place opportunity once the other has ended', async () => {
    // Act
    const result = await create(input('y-6', 'c-one', { startDate: '2027-02-27' }));
    // Assess
    expect(result.data?.createPlacement.errors).toEqual([]);
    expect(result.data?.createPlacement.placement?.status).toBe('PLANNED');
  });

  it('answers the team of another municipality as for an unknown young person, and writes nothing', async () => {
    // Prepare
    const nobody = newId();
    const asForeign = testContext(table, staffIdentity('101'));
    const countersBefore = await table.get(statusCountersKey('265'));
    // Act
    const result = await create(input('y-7', 'c-1'), asForeign);
    const unknown = await create(input(nobody, 'c-1'), asForeign);
    // Assess: the team places its own municipality's young people, so the rule lets it through
    // for an id of nothing; to another municipality's young person it is a stranger and hears
    // what an unknown id gets, the payload's not-found error (#18, class 7).
    expect(errorCodes(result)).toEqual([]);
    expect(result.data?.createPlacement).toMatchObject({ placement: null, errors: [{}] });
    expect(JSON.stringify(result).replaceAll('y-7', 'ID')).toBe(
      JSON.stringify(unknown).replaceAll(nobody, 'ID'),
    );
    expect(await table.get(statusCountersKey('265'))).toEqual(countersBefore);
    expect((await loadYouthGuard(createItemLoader(table), 'y-7')).placements).toEqual({});
  });

  it.each([
    // Refused whatever the id: only the team creates placements.
    ['a young person', youthIdentity('265', 'y-7')],
    ['a company contact', companyContactIdentity('c-1')],
    ['the programme office', programmeIdentity()],
  ])('refuses %s', async (_who, identity) => {
    // Act
    const result = await create(input('y-7', 'c-1'), testContext(table, identity));
    // Assess
    expect(errorCodes(result)).toEqual(['FORBIDDEN']);
    expect((await loadYouthGuard(createItemLoader(table), 'y-7')).placements).toEqual({});
  });

  it('refuses the anonymous probe', async () => {
    // Act
    const result = await create(input('y-7', 'c-1'), testContext(table, null));
    // Assess
    expect(errorCodes(result)).toEqual(['UNAUTHENTICATED']);
  });

  it.each([
    ['weekly hours out of range', input('y-8', 'c-1', { weeklyHours: 0 })],
    ['no goal in the plan', input('y-8', 'c-1', { plan: { goals: [], tasks: [] } })],
    ['both a wish and an invitation', input('y-8', 'c-1', { wishId: 'w-1', invitationId: 'i-1' })],
    ['a date that does not exist', input('y-8', 'c-1', { startDate: '2026-02-30' })],
  ])('rejects %s as malformed input', async (_what, variables) => {
    // Act
    const result = await create(variables);
    // Assess
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    expect((await loadYouthGuard(createItemLoader(table), 'y-8')).placements).toEqual({});
  });
  describe('sent again', () => {
    it('answers a retry with the same idempotency key with the first placement, not an overlap, and writes nothing', async () => {
      // Prepare
      const variables = input('y-9', 'c-many', { idempotencyKey: 'create-y-9-once' });
      const first = await create(variables);
      const items = (await changedItems(table)).length;
      // Act
      const again = await create(variables);
      // Assess
      expect(first.data?.createPlacement.errors).toEqual([]);
      expect(again.errors).toBeUndefined();
      expect(again.data?.createPlacement).toEqual(first.data?.createPlacement);
      expect((await changedItems(table)).length).toBe(items);
    });

    it('refuses the same key with another input with IDEMPOTENCY_KEY_REUSED and writes nothing', async () => {
      // Prepare
      await create(input('y-10', 'c-many', { idempotencyKey: 'create-y-10-once' }));
      const items = (await changedItems(table)).length;
      // Act
      const reused = await create(
        input('y-10', 'c-many', { idempotencyKey: 'create-y-10-once', weeklyHours: 30 }),
      );
      // Assess
      expect(errorCodes(reused)).toEqual(['IDEMPOTENCY_KEY_REUSED']);
      expect((await changedItems(table)).length).toBe(items);
    });

    it('without a key, refuses the second of two equal placements as an overlap', async () => {
      // Prepare
      await create(input('y-11', 'c-many'));
      // Act
      const second = await create(input('y-11', 'c-many'));
      // Assess
      expect(second.data?.createPlacement.errors).toMatchObject([
        { code: 'OVERLAPPING_PLACEMENT' },
      ]);
    });
  });

  it("records the change in the young person's audit trail, in its own transaction", async () => {
    // Act
    const result = await create(input('y-8', 'c-many', { startDate: '2027-06-01' }));
    // Assess
    expect(result.data?.createPlacement.errors).toEqual([]);
    const trail = await table.queryAll({ partition: AUDIT_KEYS.youthPartition('y-8') });
    const changes = trail.filter((item) => item.action === 'CHANGE');
    expect(changes.map((item) => item.target)).toEqual(['Mutation.createPlacement']);
    expect(changes[0]).toMatchObject({ role: 'NETWORK_CONSULTANT', municipalityCode: '265' });
  });
});
