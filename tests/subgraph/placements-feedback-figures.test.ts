import { beforeAll, describe, expect, it } from 'vitest';
import type { Identity } from '#kernel/identity';
import { roundToBase } from '#kernel/small-cells';
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
  aFeedbackTask,
  givenParticipantTasks,
  givePlacementFeedbackInput,
} from '../support/participant-task-factories.ts';
import { givenMunicipalities } from '../support/people-factories.ts';
import {
  aHost,
  aPlacement,
  entitiesQuery,
  givenHosts,
  givenPlacements,
  givenYoungPeople,
} from '../support/placements-factories.ts';
import { createTestTable } from '../support/table.ts';

const GIVE = `mutation ($input: GivePlacementFeedbackInput!) {
  givePlacementFeedback(input: $input) { feedback { id } errors { code } }
}`;
const FEEDBACK = 'feedback { side occasion given ratings { rating count } meanRating }';
const STATS = entitiesQuery(
  'Municipality',
  `placementStats(from: "2026-11-01", to: "2026-11-30") { suppressed ${FEEDBACK} }`,
);
const roskilde = { representations: [{ __typename: 'Municipality', code: '265' }] };

/** The young people's ratings at the midway evaluation in Roskilde: a 2 given once, a small cell. */
const YOUTH_RATINGS = [5, 5, 5, 5, 4, 4, 4, 4, 3, 3, 3, 2];
/** The companies' ratings of the first placements. */
const COMPANY_RATINGS = [4, 4, 5];

interface Shown {
  side: string;
  occasion: string;
  given: number | null;
  ratings: Array<{ rating: number; count: number | null }>;
  meanRating: number | null;
}

/** The histogram (count per rating 1–5) of some ratings. */
const histogramOf = (ratings: readonly number[]) =>
  [1, 2, 3, 4, 5].map((rating) => ({
    rating,
    count: ratings.filter((given) => given === rating).length,
  }));
const meanOf = (ratings: readonly number[]) => ratings.reduce((a, b) => a + b, 0) / ratings.length;

describe('placements subgraph: feedback figures in placementStats', () => {
  let table: Table;
  const run = (identity: Identity | null, query: string, variables?: Record<string, unknown>) =>
    // biome-ignore lint/suspicious/noExplicitAny: results are walked by the shape each query asks for
    execute<Record<string, any>>(server, testContext(table, identity), query, variables);
  const feedbackOf = async (identity: Identity): Promise<Shown[]> => {
    const result = await run(identity, STATS, roskilde);
    expect(result.errors).toBeUndefined();
    return result.data?._entities[0].placementStats.feedback;
  };
  const entry = (shown: Shown[], side: string, occasion: string) =>
    shown.find((figures) => figures.side === side && figures.occasion === occasion);

  beforeAll(async () => {
    table = await createTestTable();
    await givenMunicipalities(table);
    const ns = YOUTH_RATINGS.map((_, i) => i + 1);
    await givenYoungPeople(
      table,
      '265',
      ns.map((n) => `y-${n}`),
      'IN_PLACEMENT',
    );
    await givenYoungPeople(table, '101', ['y-cph'], 'IN_PLACEMENT');
    await givenHosts(table, ...ns.map((n) => aHost(`c-${n}`, '265')), aHost('c-cph', '101'));
    const placements = [
      ...ns.map((n) =>
        aPlacement({ id: `p-${n}`, youthId: `y-${n}`, companyId: `c-${n}`, status: 'ACTIVE' }),
      ),
      aPlacement({
        id: 'p-cph',
        youthId: 'y-cph',
        companyId: 'c-cph',
        municipalityCode: '101',
        status: 'ACTIVE',
      }),
    ];
    await givenPlacements(table, placements);
    await givenParticipantTasks(
      table,
      ...placements.flatMap((p) =>
        (['YOUTH', 'COMPANY'] as const).map((side) =>
          aFeedbackTask(side, {
            placementId: p.id,
            youthId: p.youthId,
            companyId: p.companyId,
            municipalityCode: p.municipalityCode,
          }),
        ),
      ),
    );
    const given = [
      ...YOUTH_RATINGS.map((rating, i) => ({
        identity: youthIdentity('265', `y-${i + 1}`),
        input: givePlacementFeedbackInput({ placementId: `p-${i + 1}`, rating }),
      })),
      ...COMPANY_RATINGS.map((rating, i) => ({
        identity: companyContactIdentity(`c-${i + 1}`),
        input: givePlacementFeedbackInput({ placementId: `p-${i + 1}`, rating }),
      })),
      {
        identity: youthIdentity('101', 'y-cph'),
        input: givePlacementFeedbackInput({ placementId: 'p-cph', rating: 1 }),
      },
    ];
    for (const { identity, input } of given) {
      const result = await run(identity, GIVE, { input });
      expect(result.data?.givePlacementFeedback.errors).toEqual([]);
    }
  });

  it("counts the feedback given in the municipality's team figures as it is: by side and occasion, the ratings and their mean", async () => {
    // Act
    const shown = await feedbackOf(staffIdentity('265'));
    // Assess
    expect(shown).toHaveLength(4);
    expect(entry(shown, 'YOUTH', 'MIDWAY')).toEqual({
      side: 'YOUTH',
      occasion: 'MIDWAY',
      given: YOUTH_RATINGS.length,
      ratings: histogramOf(YOUTH_RATINGS),
      meanRating: meanOf(YOUTH_RATINGS),
    });
    expect(entry(shown, 'COMPANY', 'MIDWAY')).toEqual({
      side: 'COMPANY',
      occasion: 'MIDWAY',
      given: COMPANY_RATINGS.length,
      ratings: histogramOf(COMPANY_RATINGS),
      meanRating: meanOf(COMPANY_RATINGS),
    });
    expect(entry(shown, 'YOUTH', 'END')).toEqual({
      side: 'YOUTH',
      occasion: 'END',
      given: 0,
      ratings: histogramOf([]),
      meanRating: null,
    });
  });

  it('shows the programme office each rating rounded to fives, and how many gave feedback as the sum of those, so a hidden rating is never the total less the others', async () => {
    // Act
    const shown = await feedbackOf(programmeIdentity());
    // Assess
    const youth = entry(shown, 'YOUTH', 'MIDWAY') as Shown;
    const counts = youth.ratings.map(({ count }) => count as number);
    expect(counts).toEqual(histogramOf(YOUTH_RATINGS).map(({ count }) => roundToBase(count)));
    expect(youth.given).toBe(counts.reduce((a, b) => a + b, 0));
    // The one rating of 2 is hidden; the total less the other ratings gives what is shown, 0.
    const others = counts.filter((_, i) => i !== 1).reduce((a, b) => a + b, 0);
    expect((youth.given as number) - others).toBe(0);
    expect(youth.given).not.toBe(roundToBase(YOUTH_RATINGS.length));
    const shownRatings = youth.ratings.flatMap(({ rating, count }) =>
      Array.from({ length: count as number }, () => rating),
    );
    expect(youth.meanRating).toBe(meanOf(shownRatings));
    // Three companies gave feedback: too few for a mean.
    expect(entry(shown, 'COMPANY', 'MIDWAY')?.meanRating).toBeNull();
  });

  it('adds up the programme total of the feedback from the municipalities as published', async () => {
    // Act
    const result = await run(
      programmeIdentity(),
      `{ _entities(representations: [{ __typename: "ProgrammeStats", from: "2026-11-01", to: "2026-11-30" }]) {
        ... on ProgrammeStats { placementStats { ${FEEDBACK} } }
      } }`,
    );
    // Assess: Copenhagen's one rating of 1 publishes 0, Roskilde's as above
    expect(result.errors).toBeUndefined();
    const total = result.data?._entities[0].placementStats.feedback as Shown[];
    expect(entry(total, 'YOUTH', 'MIDWAY')).toEqual(
      entry(await feedbackOf(programmeIdentity()), 'YOUTH', 'MIDWAY'),
    );
  });

  it.each([
    ['the team of another municipality', staffIdentity('101')],
    ['a young person', youthIdentity('265', 'y-1')],
    ['a company contact', companyContactIdentity('c-1')],
  ])('refuses %s', async (_who, identity) => {
    // Act
    const result = await run(identity, STATS, roskilde);
    // Assess
    expect(errorCodes(result)).toEqual(['FORBIDDEN']);
  });
});
