import { beforeEach, describe, expect, it } from 'vitest';
import { ALL_MIGRATIONS } from '#infra/migrations/all-migrations';
import type { Table } from '#kernel/table/table';
import type { PlacementFeedback } from '#placements/domain/placement-feedback';
import { recountPlacementFigures } from '#placements/maintenance/recount';
import { countStoredFeedback } from '#placements/migrations/0010-count-stored-feedback';
import { PlacementFeedbackEntity } from '#placements/repository/placement-feedback-entity';
import {
  PlacementCountersEntity,
  statusCountersKey,
} from '#placements/repository/placement-stats-entity';
import { server } from '#placements/server';
import { testContext } from '../support/context.ts';
import { execute } from '../support/execute.ts';
import { youthIdentity } from '../support/identities.ts';
import { aCheckpoint } from '../support/migration-checkpoint.ts';
import { givePlacementFeedbackInput } from '../support/participant-task-factories.ts';
import { givenMunicipalities, KOBENHAVN, ROSKILDE } from '../support/people-factories.ts';
import {
  aHost,
  aPlacement,
  givenHosts,
  givenPlacements,
  givenYoungPeople,
} from '../support/placements-factories.ts';
import { createTestTable } from '../support/table.ts';

const GIVE = `mutation ($input: GivePlacementFeedbackInput!) {
  givePlacementFeedback(input: $input) { feedback { id } errors { code } }
}`;
/** The month of the test context's now (`testContext`). */
const NOW_MONTH = '2026-11';

/**
 * Feedback as `givePlacementFeedback` stored it before the feedback figures: the same item, and
 * no counter added anywhere. Written raw, as no code writes that shape any more.
 */
async function givenOldFeedback(
  table: Table,
  overrides: Partial<PlacementFeedback> & Pick<PlacementFeedback, 'youthId' | 'municipalityCode'>,
): Promise<void> {
  const placementId = `p-${overrides.youthId}`;
  await table.put(
    PlacementFeedbackEntity.toItem({
      id: `${placementId}_MIDWAY_YOUTH`,
      placementId,
      companyId: 'c-1',
      side: 'YOUTH',
      occasion: 'MIDWAY',
      rating: 4,
      whatWorked: null,
      whatToChange: null,
      givenAt: '2026-09-14T08:00:00.000Z',
      version: 1,
      ...overrides,
    }),
  );
}

/** Feedback given now through the placements subgraph: counted as it is given. */
async function aNewFeedback(table: Table, youthId: string, rating: number): Promise<void> {
  const given = await execute<{ givePlacementFeedback: { errors: unknown[] } }>(
    server,
    testContext(table, youthIdentity(ROSKILDE, youthId)),
    GIVE,
    { input: givePlacementFeedbackInput({ placementId: `p-${youthId}`, occasion: 'END', rating }) },
  );
  expect(given.data?.givePlacementFeedback.errors).toEqual([]);
}

/** The feedback counters of a municipality, by month and counter. */
async function feedbackCounted(table: Table, code: string) {
  const kept = await PlacementCountersEntity.read(table, statusCountersKey(code));
  return Object.fromEntries(
    Object.entries(kept?.months ?? {})
      .map(([month, counters]) => [
        month,
        Object.fromEntries(
          Object.entries(counters).filter(([name]) => name.startsWith('FEEDBACK_')),
        ),
      ])
      .filter(([, counters]) => Object.keys(counters as object).length > 0),
  );
}

describe('feedback given before the feedback figures counted (migration 0010)', () => {
  let table: Table;

  beforeEach(async () => {
    table = await createTestTable();
    await givenMunicipalities(table);
    await givenYoungPeople(table, ROSKILDE, ['y-1', 'y-2'], 'IN_PLACEMENT', '2026-01-05');
    await givenYoungPeople(table, KOBENHAVN, ['y-9'], 'IN_PLACEMENT', '2026-01-05');
    await givenHosts(table, aHost('c-1', ROSKILDE));
    await givenPlacements(table, [
      aPlacement({ id: 'p-y-2', youthId: 'y-2', status: 'COMPLETED', endDate: '2026-11-20' }),
    ]);
    await givenOldFeedback(table, { youthId: 'y-1', municipalityCode: ROSKILDE });
    await givenOldFeedback(table, {
      youthId: 'y-2',
      municipalityCode: ROSKILDE,
      id: 'p-y-2_MIDWAY_COMPANY',
      side: 'COMPANY',
      rating: 2,
      givenAt: '2026-10-02T08:00:00.000Z',
    });
    await givenOldFeedback(table, { youthId: 'y-9', municipalityCode: KOBENHAVN, rating: 5 });
    await aNewFeedback(table, 'y-2', 5);
  });

  it('counts the old feedback once beside the new, and a second run adds nothing', async () => {
    // Prepare
    const before = await feedbackCounted(table, ROSKILDE);
    // Act
    const first = aCheckpoint();
    await countStoredFeedback.run(table, first);
    const afterFirst = await feedbackCounted(table, ROSKILDE);
    const second = aCheckpoint();
    await countStoredFeedback.run(table, second);
    // Assess
    expect(before).toEqual({ [NOW_MONTH]: { FEEDBACK_YOUTH_END_5: 1 } });
    expect(afterFirst).toEqual({
      '2026-09': { FEEDBACK_YOUTH_MIDWAY_4: 1 },
      '2026-10': { FEEDBACK_COMPANY_MIDWAY_2: 1 },
      [NOW_MONTH]: { FEEDBACK_YOUTH_END_5: 1 },
    });
    expect(await feedbackCounted(table, KOBENHAVN)).toEqual({
      '2026-09': { FEEDBACK_YOUTH_MIDWAY_5: 1 },
    });
    expect(first.touched).toBe(2);
    expect(second.touched).toBe(0);
    expect(await feedbackCounted(table, ROSKILDE)).toEqual(afterFirst);
    const report = await recountPlacementFigures(table);
    expect(report.differences.filter((d) => /#FEEDBACK_/.test(String(d.counter)))).toEqual([]);
  });

  it('resumes after the last municipality it finished', async () => {
    // Prepare: København (101) comes before Roskilde (265); a run stopped after it
    const resumed = aCheckpoint({ code: KOBENHAVN });
    // Act
    await countStoredFeedback.run(table, resumed);
    // Assess
    expect(await feedbackCounted(table, KOBENHAVN)).toEqual({});
    expect(await feedbackCounted(table, ROSKILDE)).toMatchObject({
      '2026-09': { FEEDBACK_YOUTH_MIDWAY_4: 1 },
    });
    expect(resumed.saved).toEqual([{ code: ROSKILDE }]);
  });

  it('keeps feedback given by a live request between its read of the counters and of the feedback', async () => {
    // Prepare: y-1's placement, ended, whose end feedback comes just after the migration read
    // Roskilde's counters
    await givenPlacements(table, [
      aPlacement({ id: 'p-y-1', youthId: 'y-1', status: 'COMPLETED', endDate: '2026-11-20' }),
    ]);
    let interleaved = false;
    let countersRead = false;
    const busy = new Proxy(table, {
      get(target, property, receiver) {
        if (property === 'get') {
          return async (...args: Parameters<Table['get']>) => {
            countersRead ||= args[0].pk === statusCountersKey(ROSKILDE).pk;
            return target.get(...args);
          };
        }
        if (property !== 'queryAll') return Reflect.get(target, property, receiver);
        return async (...args: Parameters<Table['queryAll']>) => {
          if (countersRead && !interleaved) {
            interleaved = true;
            await aNewFeedback(table, 'y-1', 3);
          }
          return target.queryAll(...args);
        };
      },
    });
    // Act
    await countStoredFeedback.run(busy, aCheckpoint());
    // Assess
    expect(interleaved).toBe(true);
    expect(await feedbackCounted(table, ROSKILDE)).toEqual({
      '2026-09': { FEEDBACK_YOUTH_MIDWAY_4: 1 },
      '2026-10': { FEEDBACK_COMPANY_MIDWAY_2: 1 },
      [NOW_MONTH]: { FEEDBACK_YOUTH_END_5: 1, FEEDBACK_YOUTH_END_3: 1 },
    });
  });

  it('runs with every migration, in id order', () => {
    // Assess
    expect(ALL_MIGRATIONS.map(({ id }) => id)).toContain(countStoredFeedback.id);
    expect(new Set(ALL_MIGRATIONS.map(({ id }) => id)).size).toBe(ALL_MIGRATIONS.length);
  });
});
