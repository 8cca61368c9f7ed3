import { describe, expect, it } from 'vitest';
import {
  tieSource,
  youthCompanyTieAdded,
  youthCompanyTieItems,
  youthCompanyTieKey,
} from '#kernel/ties';
import { createTestTable } from '../support/table.ts';

/**
 * A tie written whole (the seed, migration 0007) and a tie added to later (a placement, a
 * wish) must agree on how each list is stored: the updates `ADD` to string sets, which fails on
 * an attribute stored as a list. The demo's meeting ties had no placement days, stored as an
 * empty list, and a placement for those young people failed with a ValidationException.
 */
describe('a tie written whole, then added to', () => {
  it('stores an empty list as no attribute, so a placement can add its day afterwards', async () => {
    // Prepare: a tie from a meeting only, written whole as the seed and the migration write it
    const table = await createTestTable();
    const met = {
      youthId: 'y-1',
      companyId: 'c-1',
      municipalityCode: '265',
      source: tieSource.meeting('me-1'),
      way: 'MATCHING_EVENT' as const,
      day: '2026-10-24',
    };
    const [item] = youthCompanyTieItems([met]);
    await table.putMany(item ? [item] : []);
    // Act: a placement with the same company adds its day
    await table.transact([
      youthCompanyTieAdded({
        ...met,
        source: tieSource.placement('p-1'),
        way: 'PLACEMENT',
        day: '2026-11-26',
      }),
    ]);
    // Assess
    expect(item).not.toHaveProperty('placementDays');
    expect(await table.get(youthCompanyTieKey('y-1', 'c-1'))).toMatchObject({
      ways: new Set(['MATCHING_EVENT', 'PLACEMENT']),
      placementDays: new Set(['2026-11-26']),
      contactDays: new Set(['2026-10-24', '2026-11-26']),
    });
  });
});
