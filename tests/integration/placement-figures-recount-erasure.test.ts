import { beforeAll, describe, expect, it } from 'vitest';
import type { Identity } from '#kernel/identity';
import type { Table } from '#kernel/table/table';
import { erasePeopleData } from '#people/data-subject/people-data-subject';
import { erasePlacementsData } from '#placements/data-subject/placements-data-subject';
import { recountPlacementFigures } from '#placements/maintenance/recount';
import { server } from '#placements/server';
import { testContext } from '../support/context.ts';
import { execute } from '../support/execute.ts';
import { companyContactIdentity, staffIdentity, youthIdentity } from '../support/identities.ts';
import { givePlacementFeedbackInput } from '../support/participant-task-factories.ts';
import { givenMunicipalities, givenYouth, ROSKILDE } from '../support/people-factories.ts';
import {
  aHost,
  aPlacement,
  entitiesQuery,
  givenHosts,
  givenPlacements,
} from '../support/placements-factories.ts';
import { itemsHolding, scanWholeTable } from '../support/privacy-scan.ts';
import { createTestTable } from '../support/table.ts';

const GIVE = `mutation ($input: GivePlacementFeedbackInput!) {
  givePlacementFeedback(input: $input) { feedback { id } errors { code } }
}`;
const STATS = entitiesQuery(
  'Municipality',
  `placementStats(from: "2026-01-01", to: "2026-11-30") {
    completed startedInPeriod startedChosenByYouth extendedInPeriod completedInPeriod leftForEducationOrJob
    firstPlacements medianDaysFromEnrolmentToFirstPlacement
    feedback { side occasion given ratings { rating count } meanRating }
  }`,
);

describe('recount after an erasure: the erased young person still counts as the kept figures do', () => {
  let table: Table;
  const run = (identity: Identity, query: string, variables?: Record<string, unknown>) =>
    execute<Record<string, unknown>>(server, testContext(table, identity), query, variables);
  const teamFigures = async () =>
    (
      await run(staffIdentity(ROSKILDE), STATS, {
        representations: [{ __typename: 'Municipality', code: ROSKILDE }],
      })
    ).data;

  beforeAll(async () => {
    table = await createTestTable();
    await givenMunicipalities(table);
    await givenHosts(table, aHost('c-1', ROSKILDE));
  });

  it("keeps the erased young person's placements and feedback in a recount, and the figures as they were", async () => {
    // Prepare: a young person whose extended placement ended in education, with feedback from
    // both sides, and the kept figures brought to what a recount finds
    const person = await givenYouth(
      table,
      { municipalityCode: ROSKILDE, name: 'Erna Tællesen', enrolledAt: '2026-02-02' },
      ['IN_PLACEMENT', 'IN_EDUCATION'],
    );
    const placement = aPlacement({
      youthId: person.id,
      companyId: 'c-1',
      status: 'COMPLETED',
      // Chosen by the young person: the stub keeps the origin's kind for the fidelity figures.
      origin: { kind: 'WISH', wishId: 'w-erna', invitationId: null },
      startDate: '2026-06-01',
      endDate: '2026-10-02',
      extensions: [{ date: '2026-08-28', newEndDate: '2026-10-02' }],
      outcome: {
        kind: 'EDUCATION',
        date: '2026-10-02',
        details: { what: 'Tømrer', where: 'EUC Sjælland', startDate: '2026-10-05' },
      },
    });
    await givenPlacements(table, [placement]);
    for (const [identity, occasion, rating] of [
      [youthIdentity(ROSKILDE, person.id), 'END', 5],
      [companyContactIdentity('c-1'), 'MIDWAY', 3],
    ] as const) {
      const given = await run(identity, GIVE, {
        input: givePlacementFeedbackInput({
          placementId: placement.id,
          occasion,
          rating,
          whatWorked: 'Erna lærte at måle op',
        }),
      });
      expect(given.data).toMatchObject({ givePlacementFeedback: { errors: [] } });
    }
    await recountPlacementFigures(table, { fix: true });
    const before = await teamFigures();
    const stubId = `STUB${person.id.replace(/[^A-Za-z0-9]/g, '')}`;
    // Act
    await erasePlacementsData(table, person.id, stubId);
    await erasePeopleData(table, person.id, stubId);
    const report = await recountPlacementFigures(table);
    // Assess
    expect(report.differences).toEqual([]);
    expect(await teamFigures()).toEqual(before);
    expect(before).toMatchObject({
      _entities: [
        {
          placementStats: {
            completed: 1,
            startedChosenByYouth: 1,
            extendedInPeriod: 1,
            firstPlacements: 1,
            feedback: expect.arrayContaining([
              expect.objectContaining({ side: 'YOUTH', occasion: 'END', given: 1, meanRating: 5 }),
              expect.objectContaining({ side: 'COMPANY', occasion: 'MIDWAY', given: 1 }),
            ]),
          },
        },
      ],
    });
    // The audit trail is the erasure's own later step (`audit-actor-redaction.ts`), not these.
    const leftovers = itemsHolding(await scanWholeTable(table), {
      texts: ['Erna Tællesen', 'Erna lærte at måle op'],
      ids: [person.id, placement.id],
    }).filter((item) => item.entity !== 'AUDIT');
    expect(leftovers).toEqual([]);
  });
});
