import { beforeAll, describe, expect, it } from 'vitest';
import type { Identity } from '#kernel/identity';
import type { Table } from '#kernel/table/table';
import { server } from '#people/server';
import { testContext } from '../support/context.ts';
import { execute } from '../support/execute.ts';
import { staffIdentity } from '../support/identities.ts';
import {
  addSupportNoteInput,
  changeYouthStatusInput,
  enrolYouthInput,
  givenMunicipalities,
  givenTeam,
  givenYouth,
  ROSKILDE,
} from '../support/people-factories.ts';
import { scanWholeTable } from '../support/privacy-scan.ts';
import { createTestTable } from '../support/table.ts';

/*
 * Every date a people mutation takes lies in its plausible range (`#kernel/date-bounds`): the
 * test clock's today is 2026-11-26, the programme began 2024-01-01, and a young person of the
 * factories was enrolled 2026-01-05 (born 2004-03-14).
 */

const ENROL = `mutation ($input: EnrolYouthInput!) {
  enrolYouth(input: $input) { youth { enrolledAt } errors { code path } }
}`;
const CHANGE_STATUS = `mutation ($input: ChangeYouthStatusInput!) {
  changeYouthStatus(input: $input) { youth { status } errors { code path } }
}`;
const RECORD_CONSENT = `mutation ($input: RecordResearchConsentInput!) {
  recordResearchConsent(input: $input) { youth { researchConsent { givenAt } } errors { code path } }
}`;
const WITHDRAW_CONSENT = `mutation ($input: WithdrawResearchConsentInput!) {
  withdrawResearchConsent(input: $input) {
    youth { researchConsent { withdrawnAt } } errors { code path }
  }
}`;
const ADD_NOTE = `mutation ($input: AddSupportNoteInput!) {
  addSupportNote(input: $input) { supportNote { date } errors { code path } }
}`;

const ENROLLED_AT = '2026-01-05';
const CONSENTED = { given: true, givenAt: ENROLLED_AT, withdrawnAt: null };

type Payload = { errors: Array<{ code: string; path: string[] | null }> } & Record<string, unknown>;

/** A mutation of one date field, for a young person of the factories where it needs one. */
interface DateCase {
  mutation: string;
  field: string;
  identity: Identity;
  input(youthId: string, version: number, date: string): Record<string, unknown>;
  consented?: boolean;
}

const consultant = staffIdentity(ROSKILDE);
const psychologist = staffIdentity(ROSKILDE, 'PSYCHOLOGIST', `staff-${ROSKILDE}-psychologist`);

const CASES: Record<string, DateCase> = {
  enrolYouth: {
    mutation: ENROL,
    field: 'enrolledAt',
    identity: consultant,
    input: (_id, _version, date) => enrolYouthInput({ enrolledAt: date }),
  },
  changeYouthStatus: {
    mutation: CHANGE_STATUS,
    field: 'date',
    identity: consultant,
    input: (id, version, date) => changeYouthStatusInput({ id, version }, { date }),
  },
  recordResearchConsent: {
    mutation: RECORD_CONSENT,
    field: 'date',
    identity: consultant,
    input: (youthId, expectedVersion, date) => ({ youthId, expectedVersion, date }),
  },
  withdrawResearchConsent: {
    mutation: WITHDRAW_CONSENT,
    field: 'date',
    identity: consultant,
    input: (youthId, expectedVersion, date) => ({ youthId, expectedVersion, date }),
    consented: true,
  },
  addSupportNote: {
    mutation: ADD_NOTE,
    field: 'date',
    identity: psychologist,
    input: (youthId, _version, date) => addSupportNoteInput(youthId, { date }),
  },
};

describe('people subgraph: dates within their plausible range', () => {
  let table: Table;

  /** Stores the young person a case needs (enrolled on ENROLLED_AT). */
  function givenYoungPersonFor(name: string) {
    const consented = (CASES[name] as DateCase).consented;
    return givenYouth(table, {
      enrolledAt: ENROLLED_AT,
      ...(consented ? { researchConsent: CONSENTED } : {}),
    });
  }

  async function run(name: string, youth: { id: string; version: number }, date: string) {
    const dateCase = CASES[name] as DateCase;
    const result = await execute<Record<string, Payload>>(
      server,
      testContext(table, dateCase.identity),
      dateCase.mutation,
      { input: dateCase.input(youth.id, youth.version, date) },
    );
    expect(result.errors).toBeUndefined();
    return { payload: result.data?.[name] as Payload, field: dateCase.field };
  }

  beforeAll(async () => {
    table = await createTestTable();
    await givenMunicipalities(table);
    await givenTeam(table, ROSKILDE);
  });

  it.each([
    ['enrolYouth', 'the day before the programme began', '2023-12-31', 'DATE_OUT_OF_RANGE'],
    ['enrolYouth', 'the year 1', '0001-01-01', 'DATE_OUT_OF_RANGE'],
    ['enrolYouth', 'the year 9999', '9999-12-31', 'DATE_IN_FUTURE'],
    ['changeYouthStatus', 'the day before enrolment', '2026-01-04', 'DATE_OUT_OF_RANGE'],
    ['changeYouthStatus', 'the year 1', '0001-01-01', 'DATE_OUT_OF_RANGE'],
    ['changeYouthStatus', 'the year 9999', '9999-12-31', 'DATE_IN_FUTURE'],
    ['recordResearchConsent', 'the day before enrolment', '2026-01-04', 'DATE_OUT_OF_RANGE'],
    ['recordResearchConsent', 'the year 1', '0001-01-01', 'DATE_OUT_OF_RANGE'],
    ['recordResearchConsent', 'the year 9999', '9999-12-31', 'DATE_IN_FUTURE'],
    ['withdrawResearchConsent', 'the day before enrolment', '2026-01-04', 'DATE_OUT_OF_RANGE'],
    ['withdrawResearchConsent', 'the year 9999', '9999-12-31', 'DATE_IN_FUTURE'],
    ['addSupportNote', 'the day before enrolment', '2026-01-04', 'DATE_OUT_OF_RANGE'],
    ['addSupportNote', 'the year 9999', '9999-12-31', 'DATE_IN_FUTURE'],
  ])(
    '%s refuses %s (%s) with %s on its field and writes nothing',
    async (name, _what, date, code) => {
      // Prepare
      const youth = await givenYoungPersonFor(name);
      const before = await scanWholeTable(table);
      // Act
      const { payload, field } = await run(name, youth, date);
      // Assess
      expect(payload.errors).toEqual([{ code, path: [field] }]);
      expect(await scanWholeTable(table)).toEqual(before);
    },
  );

  it.each([
    ['enrolYouth', 'the day the programme began', '2024-01-01'],
    ['enrolYouth', 'today', '2026-11-26'],
    ['changeYouthStatus', 'the day of enrolment', ENROLLED_AT],
    ['recordResearchConsent', 'the day of enrolment', ENROLLED_AT],
    ['withdrawResearchConsent', 'the day consent was given', ENROLLED_AT],
    ['addSupportNote', 'the day of enrolment', ENROLLED_AT],
    ['addSupportNote', 'today', '2026-11-26'],
  ])('%s accepts %s (%s)', async (name, _what, date) => {
    // Prepare
    const youth = await givenYoungPersonFor(name);
    // Act
    const { payload } = await run(name, youth, date);
    // Assess
    expect(payload.errors).toEqual([]);
  });
});
