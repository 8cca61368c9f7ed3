import { beforeAll, describe, expect, it } from 'vitest';
import type { Identity } from '#kernel/identity';
import { newId } from '#kernel/keys';
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
  aLifecycleTask,
  aPlacement,
  entitiesQuery,
  givenHosts,
  givenLifecycleTasks,
  givenPlacements,
  givenYoungPeople,
  representation,
} from '../support/placements-factories.ts';
import { createTestTable } from '../support/table.ts';

const LIFECYCLE_FIELDS = `lifecycle { status step round nextDueDate executionId restarts }
  lifecycleTasks { id step status title reminders escalated notes version assignee { id } }
  followUps { step stillThere }`;

describe('placements subgraph: who may see and drive a placement lifecycle', () => {
  let table: Table;
  const run = (identity: Identity | null, query: string, variables?: Record<string, unknown>) =>
    execute<Record<string, unknown>>(server, testContext(table, identity), query, variables);

  beforeAll(async () => {
    table = await createTestTable();
    await givenYoungPeople(table, '265', ['y-life'], 'IN_PLACEMENT');
    await givenHosts(table, aHost('c-1', '265'));
    await givenPlacements(table, [
      aPlacement({
        id: 'p-life',
        youthId: 'y-life',
        lifecycle: {
          executionId: 'placement-p-life',
          status: 'RUNNING',
          step: 'CHECK_IN',
          round: 1,
          nextDueDate: '2026-10-15',
          consultantStaffId: 'staff-265-1',
          startedAt: '2026-10-01T08:00:00.000Z',
          endedAt: null,
          endReason: null,
        },
        followUps: [],
      }),
    ]);
    await givenLifecycleTasks(
      table,
      aLifecycleTask({
        placementId: 'p-life',
        reminders: 1,
        lastRemindedAt: '2026-10-17T00:00:00.000Z',
        escalations: 1,
        lastEscalatedAt: '2026-10-20T00:00:00.000Z',
        notes: 'Samtale aftalt',
        taskToken: 'secret-token',
      }),
    );
  });

  it("shows the placement's team where the lifecycle stands, its tasks (never the token) and follow-ups", async () => {
    // Prepare
    const query = `{ placement(id: "p-life") { id ${LIFECYCLE_FIELDS} } }`;
    // Act
    const result = await run(staffIdentity('265'), query);
    // Assess
    expect(result.errors).toBeUndefined();
    expect(result.data?.placement).toEqual({
      id: 'p-life',
      lifecycle: {
        status: 'RUNNING',
        step: 'CHECK_IN',
        round: 1,
        nextDueDate: '2026-10-15',
        executionId: 'placement-p-life',
        // Stored before restarts were counted: none.
        restarts: 0,
      },
      lifecycleTasks: [
        {
          id: 'p-life-CHECK_IN-1',
          step: 'CHECK_IN',
          status: 'OPEN',
          title: 'Opfølgning (check-in)',
          reminders: 1,
          escalated: true,
          notes: 'Samtale aftalt',
          version: 1,
          assignee: { id: 'staff-265-1' },
        },
      ],
      followUps: [],
    });
    expect(JSON.stringify(result)).not.toContain('secret-token');
  });

  it.each([
    ['the young person', youthIdentity('265', 'y-life')],
    ['the host company contact', companyContactIdentity('c-1')],
  ])('refuses %s the lifecycle fields of their own placement', async (_who, identity) => {
    // Prepare
    const query = `{ placement(id: "p-life") { id lifecycle { step } lifecycleTasks { id } followUps { step } } }`;
    // Act
    const result = await run(identity, query);
    // Assess
    expect(result.data?.placement).toEqual({
      id: 'p-life',
      lifecycle: null,
      lifecycleTasks: null,
      followUps: null,
    });
    expect(errorCodes(result)).toEqual(['FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN']);
  });

  it('refuses the lifecycle to another municipality and to the programme office, also through _entities', async () => {
    // Prepare
    const query = entitiesQuery('Placement', 'id lifecycle { step } lifecycleTasks { id }');
    const variables = { representations: [representation('Placement', 'p-life')] };
    // Act
    const otherTeam = await run(staffIdentity('101'), query, variables);
    const programme = await run(programmeIdentity(), query, variables);
    // Assess
    for (const result of [otherTeam, programme]) {
      expect(JSON.stringify(result.data ?? {})).not.toContain('CHECK_IN');
      expect(errorCodes(result)).toContain('FORBIDDEN');
    }
  });

  it("lists a consultant's own open tasks, and a team leader's escalated ones of their municipality", async () => {
    // Prepare
    const mine = '{ myLifecycleTasks { edges { node { id step escalated placement { id } } } } }';
    const escalated =
      '{ myLifecycleTasks(scope: ESCALATED_TO_ME) { edges { node { id } } pageInfo { hasNextPage } } }';
    // Act
    const consultant = await run(staffIdentity('265'), mine);
    const leader = await run(staffIdentity('265', 'TEAM_LEADER', 'leader-265'), escalated);
    const otherLeader = await run(staffIdentity('101', 'TEAM_LEADER', 'leader-101'), escalated);
    const colleague = await run(staffIdentity('265', 'NETWORK_CONSULTANT', 'staff-265-2'), mine);
    // Assess
    expect(consultant.data?.myLifecycleTasks).toEqual({
      edges: [
        {
          node: {
            id: 'p-life-CHECK_IN-1',
            step: 'CHECK_IN',
            escalated: true,
            placement: { id: 'p-life' },
          },
        },
      ],
    });
    expect(leader.data?.myLifecycleTasks).toEqual({
      edges: [{ node: { id: 'p-life-CHECK_IN-1' } }],
      pageInfo: { hasNextPage: false },
    });
    expect(otherLeader.data?.myLifecycleTasks).toEqual({
      edges: [],
      pageInfo: { hasNextPage: false },
    });
    expect(colleague.data?.myLifecycleTasks).toEqual({ edges: [] });
  });

  it.each([
    ['a young person', youthIdentity('265', 'y-life'), 'ASSIGNED_TO_ME'],
    ['a company contact', companyContactIdentity('c-1'), 'ASSIGNED_TO_ME'],
    ['the programme office', programmeIdentity(), 'ASSIGNED_TO_ME'],
    ['a consultant asking for the escalated', staffIdentity('265'), 'ESCALATED_TO_ME'],
  ])('refuses %s lifecycle tasks', async (_who, identity, scope) => {
    // Prepare
    const query = `{ myLifecycleTasks(scope: ${scope}) { edges { node { id } } } }`;
    // Act
    const result = await run(identity, query);
    // Assess
    expect(result.data).toBeNull();
    expect(errorCodes(result)).toEqual(['FORBIDDEN']);
  });

  it.each([
    // Another municipality's team may drive its own placements' lifecycles, so it is a stranger
    // to this one and hears what an unknown placement gets (#18, class 7); the young person and
    // the company may drive none, whatever the id.
    ['another municipality', 'as an unknown placement', staffIdentity('101')],
    ['the young person', 'FORBIDDEN', youthIdentity('265', 'y-life')],
    ['the host company contact', 'FORBIDDEN', companyContactIdentity('c-1')],
  ])(
    'refuses %s the lifecycle mutations (%s) and changes nothing',
    async (_who, answer, identity) => {
      // Prepare
      const nobody = newId();
      const mutations = [
        [
          'completePlacementCheckpoint',
          'CompletePlacementCheckpointInput',
          {
            placementId: 'p-life',
            step: 'CHECK_IN',
            completedOn: '2026-10-14',
            expectedVersion: 1,
          },
        ],
        [
          'recordPlacementOutcome',
          'RecordPlacementOutcomeInput',
          {
            placementId: 'p-life',
            outcome: { kind: 'PAUSE', date: '2026-10-14' },
            expectedVersion: 1,
          },
        ],
        [
          'recordFollowUp',
          'RecordFollowUpInput',
          {
            placementId: 'p-life',
            step: 'FOLLOW_UP_3_MONTHS',
            stillThere: true,
            recordedOn: '2026-10-14',
            expectedVersion: 1,
          },
        ],
        [
          'startPlacementLifecycle',
          'StartPlacementLifecycleInput',
          { placementId: 'p-life', expectedVersion: 1 },
        ],
      ] as const;
      const send = (placementId: string) =>
        Promise.all(
          mutations.map(([name, type, input]) =>
            run(
              identity,
              `mutation ($input: ${type}!) { ${name}(input: $input) { placement { id } errors { code message } } }`,
              { input: { ...input, placementId } },
            ),
          ),
        );
      // Act
      const results = await send('p-life');
      const unknown = await send(nobody);
      // Assess
      if (answer === 'FORBIDDEN') {
        for (const result of results) expect(errorCodes(result)).toEqual(['FORBIDDEN']);
      } else {
        for (const [i, result] of results.entries()) {
          expect(errorCodes(result)).toEqual([]);
          expect(Object.values(result.data ?? {})).toMatchObject([
            { placement: null, errors: [{}] },
          ]);
          expect(JSON.stringify(result).replaceAll('p-life', 'ID')).toBe(
            JSON.stringify(unknown[i]).replaceAll(nobody, 'ID'),
          );
        }
      }
      const after = await run(
        staffIdentity('265'),
        '{ placement(id: "p-life") { lifecycleTasks { status } } }',
      );
      expect(after.data?.placement).toEqual({ lifecycleTasks: [{ status: 'OPEN' }] });
    },
  );

  it('refuses an outcome kind that does not exist before anything runs', async () => {
    // Prepare
    const query = `mutation { recordPlacementOutcome(input: { placementId: "p-life", expectedVersion: 1, outcome: { kind: RETIRED, date: "2026-10-14" } }) { errors { code } } }`;
    // Act
    const result = await run(staffIdentity('265'), query);
    // Assess
    expect(errorCodes(result)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
  });
});
