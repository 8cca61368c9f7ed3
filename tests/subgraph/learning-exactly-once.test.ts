import { beforeAll, describe, expect, it } from 'vitest';
import type { Identity } from '#kernel/identity';
import type { Item, Table } from '#kernel/table/table';
import { server } from '#learning-community/server';
import { testContext } from '../support/context.ts';
import { errorCodes, execute } from '../support/execute.ts';
import { programmeIdentity, staffIdentity, youthIdentity } from '../support/identities.ts';
import {
  createNetworkGroupInput,
  givenGroup,
  givenSession,
  givenUnitedGathering,
  givenWorkStory,
  planUnitedGatheringInput,
  putSharedWorld,
  recordTeamTrainingInput,
  scheduleNetworkSessionInput,
  sharePracticeLearningInput,
  writeWorkStoryInput,
} from '../support/learning-factories.ts';
import { scanWholeTable } from '../support/privacy-scan.ts';
import { createTestTable } from '../support/table.ts';

/**
 * Every mutation of the learning community runs exactly once however often it is sent: a
 * repeat with the same idempotency key answers the first call's object and writes nothing, the
 * same key with another input is refused; an edit made on a version the record is no longer at
 * is refused naming the current version; and every change leaves its `CHANGE` audit record.
 */

const team = staffIdentity('265', 'NETWORK_CONSULTANT', 'staff-265-1');
const teamLeader = staffIdentity('265', 'TEAM_LEADER', 'staff-265-1');
const youth = youthIdentity('265', 'y-265-1');

/** A mutation's document, selecting the changed object's id and version and the user errors. */
function documentOf(mutation: string, inputType: string, field: string, version = true): string {
  return `mutation ($input: ${inputType}!) {
    ${mutation}(input: $input) { ${field} { id${version ? ' version' : ''} } errors { code } }
  }`;
}

type Payload = Record<string, { id: string; version?: number } | null | unknown[]>;

/** Every item, sorted, to compare before and after a call that must write nothing. */
async function everything(table: Table): Promise<Item[]> {
  const items = await scanWholeTable(table);
  return items.sort((a, b) => `${a.pk}\u0000${a.sk}`.localeCompare(`${b.pk}\u0000${b.sk}`));
}

/** The `CHANGE` audit records of one mutation. */
async function changeRecordsOf(table: Table, mutation: string): Promise<Item[]> {
  return (await scanWholeTable(table)).filter(
    (item) =>
      item.entity === 'AUDIT' && item.action === 'CHANGE' && item.target === `Mutation.${mutation}`,
  );
}

describe('learning community subgraph: every change exactly once', () => {
  let table: Table;

  beforeAll(async () => {
    table = await createTestTable();
    await putSharedWorld(table, {
      staff: [
        { id: 'staff-265-1', municipalityCode: '265', role: 'TEAM_LEADER' },
        { id: 'staff-265-2', municipalityCode: '265' },
      ],
      youth: [
        { id: 'y-265-1', municipalityCode: '265' },
        { id: 'y-265-2', municipalityCode: '265' },
      ],
      municipalities: ['630'],
    });
  });

  interface Creation {
    mutation: string;
    inputType: string;
    field: string;
    caller: Identity;
    /** Whether the created object has a version to select. */
    versioned: boolean;
    input: () => Promise<Record<string, unknown>>;
    /** A field changed, so that an input differs from the one a key was first used with. */
    change: Record<string, unknown>;
    /** The young person the audit record names, when the change is about one. */
    youthId?: string;
  }

  const creations: Creation[] = [
    {
      mutation: 'createNetworkGroup',
      inputType: 'CreateNetworkGroupInput',
      field: 'group',
      caller: team,
      versioned: true,
      input: async () => createNetworkGroupInput({ name: 'Torsdagsgruppen' }),
      change: { name: 'Fredagsgruppen' },
    },
    {
      mutation: 'scheduleNetworkSession',
      inputType: 'ScheduleNetworkSessionInput',
      field: 'session',
      caller: team,
      versioned: true,
      input: async () => scheduleNetworkSessionInput((await givenGroup(table, {})).id),
      change: { theme: 'Et andet tema' },
    },
    {
      mutation: 'writeWorkStory',
      inputType: 'WriteWorkStoryInput',
      field: 'story',
      caller: youth,
      versioned: true,
      input: async () => writeWorkStoryInput('y-265-1'),
      change: { whatIWantNext: 'Noget helt andet' },
      youthId: 'y-265-1',
    },
    {
      mutation: 'sharePracticeLearning',
      inputType: 'SharePracticeLearningInput',
      field: 'learning',
      caller: team,
      versioned: false,
      input: async () => sharePracticeLearningInput(),
      change: { title: 'En anden titel' },
    },
    {
      mutation: 'planUnitedGathering',
      inputType: 'PlanUnitedGatheringInput',
      field: 'gathering',
      caller: programmeIdentity(),
      versioned: true,
      input: async () => planUnitedGatheringInput(),
      change: { agenda: ['Et andet punkt'] },
    },
    {
      mutation: 'recordTeamTraining',
      inputType: 'RecordTeamTrainingInput',
      field: 'training',
      caller: teamLeader,
      versioned: false,
      input: async () =>
        recordTeamTrainingInput({ staffId: 'staff-265-2', municipalityCode: '265' }),
      change: { topics: ['Et andet emne'] },
    },
  ];

  describe.each(creations)('$mutation with an idempotency key', (creation) => {
    const document = documentOf(
      creation.mutation,
      creation.inputType,
      creation.field,
      creation.versioned,
    );
    const send = (input: Record<string, unknown>) =>
      execute<Record<string, Payload>>(server, testContext(table, creation.caller), document, {
        input,
      });

    it('answers a repeat with the first object, writes nothing more, and audits the change once', async () => {
      // Prepare
      const input = { ...(await creation.input()), idempotencyKey: `${creation.mutation}-1` };
      const changesBefore = (await changeRecordsOf(table, creation.mutation)).length;
      const first = await send(input);
      const afterFirst = await everything(table);
      // Act
      const again = await send(input);
      // Assess
      expect(first.errors).toBeUndefined();
      expect(first.data?.[creation.mutation]).toMatchObject({
        [creation.field]: { id: expect.any(String) },
        errors: [],
      });
      expect(again.data).toEqual(first.data);
      expect(await everything(table)).toEqual(afterFirst);
      const changes = await changeRecordsOf(table, creation.mutation);
      expect(changes).toHaveLength(changesBefore + 1);
      if (creation.youthId) expect(changes.at(-1)?.youthId).toBe(creation.youthId);
    });

    it('refuses the same key with another input, writing nothing', async () => {
      // Prepare
      const input = { ...(await creation.input()), idempotencyKey: `${creation.mutation}-2` };
      await send(input);
      const before = await everything(table);
      // Act
      const reused = await send({ ...input, ...creation.change });
      // Assess
      expect(errorCodes(reused)).toEqual(['IDEMPOTENCY_KEY_REUSED']);
      expect(await everything(table)).toEqual(before);
    });
  });

  interface Edit {
    mutation: string;
    inputType: string;
    field: string;
    caller: Identity;
    /** Stores the record, and the inputs of two edits of it, each at the version given. */
    given: () => Promise<{
      first: (expectedVersion: number) => Record<string, unknown>;
      second: (expectedVersion: number) => Record<string, unknown>;
    }>;
  }

  const edits: Edit[] = [
    {
      mutation: 'updateNetworkGroup',
      inputType: 'UpdateNetworkGroupInput',
      field: 'group',
      caller: team,
      given: async () => {
        const { id } = await givenGroup(table, {});
        return {
          first: (expectedVersion) => ({ id, expectedVersion, name: 'Mandagsgruppen' }),
          second: (expectedVersion) => ({ id, expectedVersion, name: 'Tirsdagsgruppen' }),
        };
      },
    },
    {
      mutation: 'addNetworkGroupMembers',
      inputType: 'NetworkGroupMembersInput',
      field: 'group',
      caller: team,
      given: async () => {
        const { id } = await givenGroup(table, {});
        return {
          first: (expectedVersion) => ({ groupId: id, expectedVersion, memberIds: ['y-265-1'] }),
          second: (expectedVersion) => ({ groupId: id, expectedVersion, memberIds: ['y-265-2'] }),
        };
      },
    },
    {
      mutation: 'removeNetworkGroupMembers',
      inputType: 'NetworkGroupMembersInput',
      field: 'group',
      caller: team,
      given: async () => {
        const { id } = await givenGroup(table, { members: ['y-265-1', 'y-265-2'] });
        return {
          first: (expectedVersion) => ({ groupId: id, expectedVersion, memberIds: ['y-265-1'] }),
          second: (expectedVersion) => ({ groupId: id, expectedVersion, memberIds: ['y-265-2'] }),
        };
      },
    },
    {
      mutation: 'updateNetworkSession',
      inputType: 'UpdateNetworkSessionInput',
      field: 'session',
      caller: team,
      given: async () => {
        const { id } = await givenSession(table, await givenGroup(table, {}));
        return {
          first: (expectedVersion) => ({ id, expectedVersion, theme: 'Mine styrker' }),
          second: (expectedVersion) => ({ id, expectedVersion, theme: 'Mødestabilitet' }),
        };
      },
    },
    {
      // Before `expectedVersion`, a second recording silently replaced a colleague's entries.
      mutation: 'recordSessionAttendance',
      inputType: 'RecordSessionAttendanceInput',
      field: 'session',
      caller: team,
      given: async () => {
        const group = await givenGroup(table, { members: ['y-265-1', 'y-265-2'] });
        const { id } = await givenSession(table, group);
        return {
          first: (expectedVersion) => ({
            sessionId: id,
            expectedVersion,
            attendance: [{ memberId: 'y-265-1', status: 'PRESENT' }],
          }),
          second: (expectedVersion) => ({
            sessionId: id,
            expectedVersion,
            attendance: [{ memberId: 'y-265-2', status: 'ABSENT' }],
          }),
        };
      },
    },
    {
      mutation: 'updateWorkStory',
      inputType: 'UpdateWorkStoryInput',
      field: 'story',
      caller: youth,
      given: async () => {
        const { id } = await givenWorkStory(table, { youthId: 'y-265-1' });
        return {
          first: (expectedVersion) => ({ id, expectedVersion, whatIWantNext: 'En læreplads' }),
          second: (expectedVersion) => ({ id, expectedVersion, whatIWantNext: 'Et fritidsjob' }),
        };
      },
    },
    {
      mutation: 'shareWorkStory',
      inputType: 'ShareWorkStoryInput',
      field: 'story',
      caller: youth,
      given: async () => {
        const group = await givenGroup(table, { members: ['y-265-1'] });
        const { id } = await givenWorkStory(table, { youthId: 'y-265-1' });
        return {
          first: (expectedVersion) => ({ id, expectedVersion, groupId: group.id }),
          second: (expectedVersion) => ({ id, expectedVersion, groupId: null }),
        };
      },
    },
    {
      mutation: 'recordGatheringOutcomes',
      inputType: 'RecordGatheringOutcomesInput',
      field: 'gathering',
      caller: programmeIdentity(),
      given: async () => {
        const { id } = await givenUnitedGathering(table);
        return {
          first: (expectedVersion) => ({ id, expectedVersion, outcomes: ['Fælles skabelon'] }),
          second: (expectedVersion) => ({ id, expectedVersion, outcomes: ['Ny skabelon'] }),
        };
      },
    },
  ];

  describe.each(edits)('$mutation at a version', (edit) => {
    const document = documentOf(edit.mutation, edit.inputType, edit.field);
    const send = (input: Record<string, unknown>) =>
      execute<Record<string, Payload>>(server, testContext(table, edit.caller), document, {
        input,
      });

    it('changes the record at the version read and audits the change', async () => {
      // Prepare
      const record = await edit.given();
      const changesBefore = (await changeRecordsOf(table, edit.mutation)).length;
      // Act
      const changed = await send(record.first(1));
      // Assess
      expect(changed.errors).toBeUndefined();
      expect(changed.data?.[edit.mutation]).toMatchObject({
        [edit.field]: { version: 2 },
        errors: [],
      });
      expect(await changeRecordsOf(table, edit.mutation)).toHaveLength(changesBefore + 1);
    });

    it('refuses a stale expectedVersion with CONFLICT naming the current one, writing nothing', async () => {
      // Prepare
      const record = await edit.given();
      await send(record.first(1));
      const before = await everything(table);
      // Act
      const stale = await send(record.second(1));
      // Assess
      expect(stale.errors?.map((error) => error.extensions)).toEqual([
        expect.objectContaining({ code: 'CONFLICT', currentVersion: 2 }),
      ]);
      expect(await everything(table)).toEqual(before);
    });

    it('answers a repeat with the same idempotency key as the first call, changing nothing more', async () => {
      // Prepare
      const record = await edit.given();
      const input = { ...record.first(1), idempotencyKey: `${edit.mutation}-repeat` };
      const first = await send(input);
      const afterFirst = await everything(table);
      // Act
      const again = await send(input);
      // Assess
      expect(first.data?.[edit.mutation]).toMatchObject({ [edit.field]: { version: 2 } });
      expect(again.data).toEqual(first.data);
      expect(await everything(table)).toEqual(afterFirst);
    });
  });
});
