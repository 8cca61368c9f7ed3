import { beforeAll, describe, expect, it } from 'vitest';
import { server } from '#companies/server';
import type { Table } from '#kernel/table/table';
import {
  givenCompany,
  joinNetworkInput,
  pauseCompanyInput,
} from '../support/companies-factories.ts';
import { testContext } from '../support/context.ts';
import { execute } from '../support/execute.ts';
import { staffIdentity } from '../support/identities.ts';
import { scanWholeTable } from '../support/privacy-scan.ts';
import { createTestTable } from '../support/table.ts';

/*
 * Every date a companies mutation takes lies in its plausible range (`#kernel/date-bounds`):
 * the test clock's today is 2026-11-26, the programme began 2024-01-01, a pause ends at most
 * twelve months ahead (2027-11-26), and the companies below joined on 2026-01-05.
 */

const JOIN = `mutation ($input: JoinNetworkInput!) {
  joinNetwork(input: $input) { company { joinedOn } errors { code path } }
}`;
const PAUSE = `mutation ($input: PauseCompanyInput!) {
  pauseCompany(input: $input) { company { pause { from until } } errors { code path } }
}`;

const JOINED_ON = '2026-01-05';

type Payload = { errors: Array<{ code: string; path: string[] | null }> };

describe('companies subgraph: dates within their plausible range', () => {
  let table: Table;
  const team = staffIdentity('265');

  async function join(joinedOn: string): Promise<Payload> {
    const result = await execute<{ joinNetwork: Payload }>(server, testContext(table, team), JOIN, {
      input: joinNetworkInput('265', { joinedOn }),
    });
    expect(result.errors).toBeUndefined();
    return result.data?.joinNetwork as Payload;
  }

  async function pause(dates: { from?: string; until?: string }) {
    const { company } = await givenCompany(table, { joinedOn: JOINED_ON });
    const before = await scanWholeTable(table);
    const result = await execute<{ pauseCompany: Payload }>(
      server,
      testContext(table, team),
      PAUSE,
      { input: pauseCompanyInput(company, dates) },
    );
    expect(result.errors).toBeUndefined();
    return { payload: result.data?.pauseCompany as Payload, before };
  }

  beforeAll(async () => {
    table = await createTestTable();
  });

  describe('joinNetwork', () => {
    it.each([
      ['the day before the programme began', '2023-12-31', 'DATE_OUT_OF_RANGE'],
      ['the year 1', '0001-01-01', 'DATE_OUT_OF_RANGE'],
      ['the year 9999', '9999-12-31', 'JOINED_IN_FUTURE'],
    ])(
      'refuses a joining date %s (%s) with %s and writes nothing',
      async (_what, joinedOn, code) => {
        // Prepare
        const before = await scanWholeTable(table);
        // Act
        const payload = await join(joinedOn);
        // Assess
        expect(payload.errors).toEqual([{ code, path: ['joinedOn'] }]);
        expect(await scanWholeTable(table)).toEqual(before);
      },
    );

    it.each([
      ['the day the programme began', '2024-01-01'],
      ['today', '2026-11-26'],
    ])('accepts a joining date %s (%s)', async (_what, joinedOn) => {
      // Act
      const payload = await join(joinedOn);
      // Assess
      expect(payload.errors).toEqual([]);
    });
  });

  describe('pauseCompany', () => {
    it.each([
      ['from the day before the company joined', { from: '2026-01-04' }, 'from'],
      ['from the year 1', { from: '0001-01-01' }, 'from'],
      ['until the day after the longest pause', { until: '2027-11-27' }, 'until'],
      ['until the year 9999', { until: '9999-12-31' }, 'until'],
    ])(
      'refuses a pause %s with DATE_OUT_OF_RANGE and writes nothing',
      async (_what, dates, field) => {
        // Act
        const { payload, before } = await pause(dates);
        // Assess
        expect(payload.errors).toEqual([{ code: 'DATE_OUT_OF_RANGE', path: [field] }]);
        expect(await scanWholeTable(table)).toEqual(before);
      },
    );

    it.each([
      ['from the day the company joined', { from: JOINED_ON }],
      ['until the last day of the longest pause', { until: '2027-11-26' }],
    ])('accepts a pause %s', async (_what, dates) => {
      // Act
      const { payload } = await pause(dates);
      // Assess
      expect(payload.errors).toEqual([]);
    });
  });
});
