import { beforeAll, describe, expect, it } from 'vitest';
import type { Identity } from '#kernel/identity';
import type { Table } from '#kernel/table/table';
import { server } from '#learning-community/server';
import { testContext } from '../support/context.ts';
import { execute } from '../support/execute.ts';
import { programmeIdentity, staffIdentity } from '../support/identities.ts';
import {
  givenGroup,
  givenSession,
  planUnitedGatheringInput,
  putSharedWorld,
  recordTeamTrainingInput,
  scheduleNetworkSessionInput,
} from '../support/learning-factories.ts';
import { scanWholeTable } from '../support/privacy-scan.ts';
import { createTestTable } from '../support/table.ts';

/*
 * Every date a learning-community mutation takes lies in its plausible range
 * (`#kernel/date-bounds`): the test clock's today is 2026-11-26, the programme began 2024-01-01,
 * a plan reaches at most 2027-11-26, and the groups of the factories were created on 2026-09-01.
 */

type Payload = { errors: Array<{ code: string; path: string[] | null }> };

const TRAINER = { staffId: 'staff-630-1', municipalityCode: '630' };
const consultant = staffIdentity('265');

/** A mutation of one date field: its input type, who sends it, and its input for a date. */
interface DateCase {
  type: string;
  identity: Identity;
  input(table: Table, date: string): Promise<Record<string, unknown>>;
}

const CASES: Record<string, DateCase> = {
  'scheduleNetworkSession.date': {
    type: 'ScheduleNetworkSessionInput',
    identity: consultant,
    input: async (table, date) =>
      scheduleNetworkSessionInput((await givenGroup(table, {})).id, { date }),
  },
  'updateNetworkSession.date': {
    type: 'UpdateNetworkSessionInput',
    identity: consultant,
    input: async (table, date) => {
      const session = await givenSession(table, await givenGroup(table, {}));
      return { id: session.id, expectedVersion: session.version, date };
    },
  },
  'planUnitedGathering.startDate': {
    type: 'PlanUnitedGatheringInput',
    identity: programmeIdentity(),
    input: async (_table, startDate) =>
      planUnitedGatheringInput({ startDate, endDate: '2027-11-26' }),
  },
  'planUnitedGathering.endDate': {
    type: 'PlanUnitedGatheringInput',
    identity: programmeIdentity(),
    input: async (_table, endDate) =>
      planUnitedGatheringInput({ startDate: '2024-01-01', endDate }),
  },
  'recordTeamTraining.startDate': {
    type: 'RecordTeamTrainingInput',
    identity: programmeIdentity(),
    input: async (_table, startDate) =>
      recordTeamTrainingInput(TRAINER, { startDate, endDate: '2027-11-26' }),
  },
  'recordTeamTraining.endDate': {
    type: 'RecordTeamTrainingInput',
    identity: programmeIdentity(),
    input: async (_table, endDate) =>
      recordTeamTrainingInput(TRAINER, { startDate: '2024-01-01', endDate }),
  },
};

describe('learning community subgraph: dates within their plausible range', () => {
  let table: Table;

  async function prepare(field: string, date: string) {
    return (CASES[field] as DateCase).input(table, date);
  }

  async function run(field: string, input: Record<string, unknown>): Promise<Payload> {
    const name = field.split('.')[0] as string;
    const { type, identity } = CASES[field] as DateCase;
    const result = await execute<Record<string, Payload>>(
      server,
      testContext(table, identity),
      `mutation ($input: ${type}!) { ${name}(input: $input) { errors { code path } } }`,
      { input },
    );
    expect(result.errors).toBeUndefined();
    return result.data?.[name] as Payload;
  }

  beforeAll(async () => {
    table = await createTestTable();
    await putSharedWorld(table, {
      staff: [{ id: TRAINER.staffId, municipalityCode: '630', role: 'TEAM_LEADER' }],
      // The gatherings' host runs NEXTWORK, so that only their dates are what is refused.
      municipalities: ['630'],
    });
  });

  it.each([
    ['scheduleNetworkSession.date', 'the day before the group was created', '2026-08-31'],
    ['scheduleNetworkSession.date', 'the year 1', '0001-01-01'],
    ['scheduleNetworkSession.date', 'the day after the horizon', '2027-11-27'],
    ['scheduleNetworkSession.date', 'the year 9999', '9999-12-31'],
    ['updateNetworkSession.date', 'the day before the group was created', '2026-08-31'],
    ['updateNetworkSession.date', 'the year 9999', '9999-12-31'],
    ['planUnitedGathering.startDate', 'the day before the programme began', '2023-12-31'],
    ['planUnitedGathering.endDate', 'the day after the horizon', '2027-11-27'],
    ['recordTeamTraining.startDate', 'the year 1', '0001-01-01'],
    ['recordTeamTraining.endDate', 'the year 9999', '9999-12-31'],
  ])(
    '%s: refuses %s (%s) with DATE_OUT_OF_RANGE and writes nothing',
    async (field, _what, date) => {
      // Prepare
      const input = await prepare(field, date);
      const before = await scanWholeTable(table);
      // Act
      const payload = await run(field, input);
      // Assess
      expect(payload.errors).toEqual([{ code: 'DATE_OUT_OF_RANGE', path: [field.split('.')[1]] }]);
      expect(await scanWholeTable(table)).toEqual(before);
    },
  );

  it.each([
    ['scheduleNetworkSession.date', 'the day the group was created', '2026-09-01'],
    ['scheduleNetworkSession.date', 'the last day of the horizon', '2027-11-26'],
    ['updateNetworkSession.date', 'the day the group was created', '2026-09-01'],
    ['planUnitedGathering.startDate', 'the day the programme began', '2024-01-01'],
    ['planUnitedGathering.endDate', 'the last day of the horizon', '2027-11-26'],
    ['recordTeamTraining.startDate', 'the day the programme began', '2024-01-01'],
    ['recordTeamTraining.endDate', 'the last day of the horizon', '2027-11-26'],
  ])('%s: accepts %s (%s)', async (field, _what, date) => {
    // Prepare
    const input = await prepare(field, date);
    // Act
    const payload = await run(field, input);
    // Assess
    expect(payload.errors).toEqual([]);
  });
});
