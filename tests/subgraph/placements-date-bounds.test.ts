import { beforeAll, describe, expect, it } from 'vitest';
import type { Table } from '#kernel/table/table';
import { server } from '#placements/server';
import { testContext } from '../support/context.ts';
import { execute } from '../support/execute.ts';
import { fixtureId } from '../support/fixture-id.ts';
import { staffIdentity } from '../support/identities.ts';
import {
  aHost,
  aPlacement,
  changedItems,
  createPlacementInput,
  givenHosts,
  givenPlacements,
  givenYoungPeople,
} from '../support/placements-factories.ts';
import { createTestTable } from '../support/table.ts';

/*
 * Every date a placements mutation takes lies in its plausible range (`#kernel/date-bounds`):
 * the test clock's today is 2026-11-26, the programme began 2024-01-01, a plan reaches at most
 * 2027-11-26, the young people were enrolled on 2026-01-05, and the placement under way started
 * on 2026-10-01, created on 2026-09-20.
 */

const ENROLLED_AT = '2026-01-05';

type Payload = { errors: Array<{ code: string; path: string[] | null }> };

const MUTATIONS: Record<string, string> = {
  createPlacement: 'CreatePlacementInput',
  createMatchingEvent: 'CreateMatchingEventInput',
  completeCheckpoint: 'CompleteCheckpointInput',
  extendPlacement: 'ExtendPlacementInput',
  completePlacement: 'CompletePlacementInput',
  interruptPlacement: 'InterruptPlacementInput',
};

const REFLECTION = { whatHappened: 'x', whatWasLearned: 'y', whatNext: 'z' };
const JOB = { what: 'Lagermedarbejder', where: 'Firma' };

/**
 * Each case's input: `youthId` a young person of its own (enrolled on ENROLLED_AT) and
 * `placementId` a placement under way of its own, so that no case meets another's changes.
 */
const INPUTS: Record<string, (ids: Ids, value: string) => Record<string, unknown>> = {
  'createPlacement.startDate': (ids, startDate) =>
    createPlacementInput(ids.youthId, 'c-1', { startDate }),
  'createPlacement.endDate': (ids, endDate) =>
    createPlacementInput(ids.youthId, 'c-1', { startDate: '2026-12-01', endDate }),
  'createMatchingEvent.date': (_ids, date) => ({
    municipalityCode: '265',
    title: 'Matchdag',
    date,
    place: 'Jobcentret',
    youthIds: [],
    companyIds: [],
  }),
  'completeCheckpoint.completedOn': (ids, completedOn) => ({
    ...ids.placement,
    checkpointId: 'cp-1',
    completedOn,
  }),
  // Past 13 weeks an extension needs the individual assessment (LAB § 61): these cases test
  // the dates' bounds, so they have it.
  'extendPlacement.date': (ids, date) => ({
    ...ids.placement,
    newEndDate: '2027-02-01',
    date,
    individualAssessment: true,
  }),
  'extendPlacement.newEndDate': (ids, newEndDate) => ({
    ...ids.placement,
    newEndDate,
    date: '2026-11-25',
    individualAssessment: true,
  }),
  'completePlacement.outcome.details.startDate': (ids, startDate) => ({
    ...ids.placement,
    outcome: { kind: 'JOB', date: '2026-11-20', details: { ...JOB, startDate } },
  }),
  'interruptPlacement.outcome.date': (ids, date) => ({
    ...ids.placement,
    outcome: { kind: 'PAUSE', date },
    reflection: REFLECTION,
  }),
};

interface Ids {
  youthId: string;
  placement: { placementId: string; expectedVersion: number };
}

describe('placements subgraph: dates within their plausible range', () => {
  let table: Table;

  /** A young person and a placement under way of the case's own. */
  async function givenCase(): Promise<Ids> {
    const [youthId, runningId] = [fixtureId('y'), fixtureId('y')];
    await givenYoungPeople(table, '265', [youthId], 'ENROLLED', ENROLLED_AT);
    await givenYoungPeople(table, '265', [runningId], 'IN_PLACEMENT', ENROLLED_AT);
    const [placement] = await givenPlacements(table, [aPlacement({ youthId: runningId })]);
    return { youthId, placement: { placementId: placement?.id ?? '', expectedVersion: 1 } };
  }

  async function run(field: string, value: string, ids: Ids): Promise<Payload> {
    const name = field.split('.')[0] as string;
    const input = (INPUTS[field] as (typeof INPUTS)[string])(ids, value);
    const result = await execute<Record<string, Payload>>(
      server,
      testContext(table, staffIdentity('265')),
      `mutation ($input: ${MUTATIONS[name]}!) { ${name}(input: $input) { errors { code path } } }`,
      { input },
    );
    expect(result.errors).toBeUndefined();
    return result.data?.[name] as Payload;
  }

  beforeAll(async () => {
    table = await createTestTable();
    await givenHosts(table, aHost('c-1', '265', { places: 100 }));
  });

  it.each([
    ['createPlacement.startDate', 'the day before enrolment', '2026-01-04'],
    ['createPlacement.startDate', 'the year 1', '0001-01-01'],
    ['createPlacement.startDate', 'the day after the horizon', '2027-11-27'],
    ['createPlacement.startDate', 'the year 9999', '9999-12-31'],
    ['createPlacement.endDate', 'a day past twelve months after the start', '2027-12-02'],
    ['createMatchingEvent.date', 'the day before the programme began', '2023-12-31'],
    ['createMatchingEvent.date', 'the day after the horizon', '2027-11-27'],
    ['createMatchingEvent.date', 'the year 9999', '9999-12-31'],
    ['completeCheckpoint.completedOn', 'the day before the start', '2026-09-30'],
    ['extendPlacement.date', 'the day before the start', '2026-09-30'],
    ['extendPlacement.newEndDate', 'the day after the horizon', '2027-11-27'],
    ['extendPlacement.newEndDate', 'the year 9999', '9999-12-31'],
    ['completePlacement.outcome.details.startDate', 'the day before the start', '2026-09-30'],
    ['completePlacement.outcome.details.startDate', 'the year 9999', '9999-12-31'],
    ['interruptPlacement.outcome.date', 'the day before it was created', '2026-09-19'],
    ['interruptPlacement.outcome.date', 'the year 1', '0001-01-01'],
  ])(
    '%s: refuses %s (%s) with DATE_OUT_OF_RANGE and writes nothing',
    async (field, _what, value) => {
      // Prepare
      const ids = await givenCase();
      const before = await changedItems(table);
      // Act
      const payload = await run(field, value, ids);
      // Assess
      expect(payload.errors).toEqual([
        { code: 'DATE_OUT_OF_RANGE', path: field.split('.').slice(1) },
      ]);
      expect(await changedItems(table)).toEqual(before);
    },
  );

  it.each([
    ['createPlacement.startDate', 'the day of enrolment', ENROLLED_AT],
    ['createPlacement.startDate', 'the last day of the horizon', '2027-11-26'],
    ['createMatchingEvent.date', 'the day the programme began', '2024-01-01'],
    ['createMatchingEvent.date', 'the last day of the horizon', '2027-11-26'],
    ['completeCheckpoint.completedOn', 'the day it started', '2026-10-01'],
    ['extendPlacement.date', 'the day it started', '2026-10-01'],
    ['completePlacement.outcome.details.startDate', 'the day it started', '2026-10-01'],
    ['completePlacement.outcome.details.startDate', 'the last day of the horizon', '2027-11-26'],
    ['interruptPlacement.outcome.date', 'the day it was created', '2026-09-20'],
  ])('%s: accepts %s (%s)', async (field, _what, value) => {
    // Prepare
    const ids = await givenCase();
    // Act
    const payload = await run(field, value, ids);
    // Assess
    expect(payload.errors).toEqual([]);
  });

  // The outer bounds of a placement's end still hold as dates, but the placement length rule
  // (13 weeks, 26 with an individual assessment: LAB § 61) refuses them first as too long.
  it.each([
    [
      'createPlacement.endDate',
      'twelve months after the start',
      '2027-12-01',
      'PLACEMENT_LENGTH_LIMIT_EXCEEDED',
    ],
    [
      'extendPlacement.newEndDate',
      'the last day of the horizon',
      '2027-11-26',
      'EXTENSION_LIMIT_EXCEEDED',
    ],
  ])(
    '%s: takes %s (%s) as a date, and refuses it as too long with %s',
    async (field, _what, value, code) => {
      // Prepare
      const ids = await givenCase();
      // Act
      const payload = await run(field, value, ids);
      // Assess
      expect(payload.errors).toEqual([{ code, path: [field.split('.').at(-1)] }]);
    },
  );
});
