import { beforeAll, describe, expect, it } from 'vitest';
import type { Identity } from '#kernel/identity';
import type { Table } from '#kernel/table/table';
import { recountPeopleFigures } from '#people/maintenance/recount';
import { youthStatsKey } from '#people/repository/youth-stats-entity';
import { server } from '#people/server';
import { testContext } from '../support/context.ts';
import { errorCodes, execute } from '../support/execute.ts';
import {
  companyContactIdentity,
  programmeIdentity,
  staffIdentity,
  youthIdentity,
} from '../support/identities.ts';
import {
  dataProtectionOfficerIdentity,
  enrolYouthInput,
  givenMunicipalities,
  givenTeam,
  KOBENHAVN,
  ROSKILDE,
} from '../support/people-factories.ts';
import { createTestTable } from '../support/table.ts';

const ENROL = `mutation ($input: EnrolYouthInput!) {
  enrolYouth(input: $input) { youth { id } errors { code } }
}`;
const ERASE = `mutation ($input: EraseYouthInput!) {
  eraseYouth(input: $input) { erasure { youthId } errors { code } }
}`;
const FIGURES = `query ($code: ID!) {
  municipality(code: $code) {
    youthStats(from: "2026-11-01", to: "2026-11-30") { enrolledInPeriod enrolledWithAgeException suppressed }
  }
}`;
const PROGRAMME = `{
  programmeStats(from: "2026-11-01", to: "2026-11-30") { youthStats { enrolledWithAgeException } }
}`;
const REASON = 'Henvist af jobcentret';

describe('people subgraph: young people enrolled with an age exception, counted', () => {
  let table: Table;
  const team = staffIdentity(ROSKILDE);
  let excepted: string[];
  const figures = async (identity: Identity) =>
    (
      await execute<{ municipality: { youthStats: unknown } }>(
        server,
        testContext(table, identity),
        FIGURES,
        { code: ROSKILDE },
      )
    ).data?.municipality.youthStats;

  beforeAll(async () => {
    table = await createTestTable();
    await givenMunicipalities(table);
    await givenTeam(table, ROSKILDE);
    await givenTeam(table, KOBENHAVN);
    const enrol = async (input: Record<string, unknown>) => {
      const result = await execute<{ enrolYouth: { youth: { id: string } | null } }>(
        server,
        testContext(table, team),
        ENROL,
        { input: enrolYouthInput(input) },
      );
      const id = result.data?.enrolYouth.youth?.id;
      if (!id) throw new Error(JSON.stringify(result));
      return id;
    };
    // Enrolled 2026-11-20: 30, 17 and 32 with a reason; 26 with a reason all the same; 26.
    excepted = [
      await enrol({ dateOfBirth: '1996-11-20', ageExceptionReason: REASON }),
      await enrol({ dateOfBirth: '2009-01-10', ageExceptionReason: REASON }),
      await enrol({ dateOfBirth: '1994-03-01', ageExceptionReason: REASON }),
    ];
    await enrol({ dateOfBirth: '2000-01-01', ageExceptionReason: REASON });
    await enrol({ dateOfBirth: '2000-01-01' });
  });

  it('counts for the team those enrolled outside 18–29 with a reason, and no one inside it', async () => {
    // Act
    const shown = await figures(team);
    // Assess
    expect(shown).toEqual({ enrolledInPeriod: 5, enrolledWithAgeException: 3, suppressed: false });
  });

  it('shows the programme office the count rounded to a multiple of 5', async () => {
    // Act
    const shown = await figures(programmeIdentity());
    const total = await execute(server, testContext(table, programmeIdentity()), PROGRAMME);
    // Assess
    expect(shown).toEqual({ enrolledInPeriod: 5, enrolledWithAgeException: 5, suppressed: true });
    expect(total.data).toEqual({ programmeStats: { youthStats: { enrolledWithAgeException: 5 } } });
  });

  it.each([
    ['staff of another municipality', staffIdentity(KOBENHAVN)],
    ['a young person', youthIdentity(ROSKILDE, 'y-someone')],
    ['a company contact', companyContactIdentity('c-1')],
  ])('refuses the count to %s', async (_who, identity) => {
    // Act
    const result = await execute(server, testContext(table, identity), FIGURES, {
      code: ROSKILDE,
    });
    // Assess
    expect(errorCodes(result)).toContain('FORBIDDEN');
    expect(JSON.stringify(result.data ?? null)).not.toMatch(/"enrolledWithAgeException":\d/);
  });

  it('keeps the count through an erasure, and the recount after it finds the same', async () => {
    // Prepare
    const before = await table.get(youthStatsKey(ROSKILDE));
    // Act
    const erased = await execute(
      server,
      testContext(table, dataProtectionOfficerIdentity(ROSKILDE)),
      ERASE,
      {
        input: { youthId: excepted[0], reason: 'CONSENT_WITHDRAWN' },
      },
    );
    const recount = await recountPeopleFigures(table);
    // Assess
    expect(erased.data?.eraseYouth).toMatchObject({ errors: [] });
    expect(recount.differences).toEqual([]);
    expect(await table.get(youthStatsKey(ROSKILDE))).toEqual(before);
    expect(await figures(team)).toMatchObject({ enrolledWithAgeException: 3 });
  });
});
