import { describe, expect, it } from 'vitest';
import { scheduledCheckpoints } from '#placements/domain/checkpoint-schedule';
import { LIFECYCLE_CONFIG } from '#placements/domain/lifecycle-config';
import { aPlacement } from '../support/placements-factories.ts';

describe("placements domain: the checkpoints are the lifecycle's talks, on its one schedule", () => {
  it('shows a placement stored with the old schedule (day 7, midpoint, end less 7) on the lifecycle schedule, held ones kept', () => {
    // Prepare
    const placement = aPlacement({
      startDate: '2026-01-01',
      endDate: '2026-04-01',
      checkpoints: [
        {
          id: 'cp-1',
          title: 'Opstart',
          dueDate: '2026-01-08',
          completedOn: '2026-01-09',
          notes: 'Godt',
        },
        { id: 'cp-2', title: 'Midtvejs', dueDate: '2026-02-15', completedOn: null, notes: null },
        { id: 'cp-3', title: 'Slut', dueDate: '2026-03-25', completedOn: null, notes: null },
      ],
    });
    // Act
    const checkpoints = scheduledCheckpoints(placement, placement.checkpoints);
    // Assess
    expect(checkpoints.map((c) => [c.id, c.dueDate, c.completedOn, c.notes])).toEqual([
      ['cp-1', '2026-01-15', '2026-01-09', 'Godt'],
      ['cp-2', '2026-02-12', null, null],
      ['cp-3', '2026-03-19', null, null],
    ]);
  });

  it("follows a municipality's own weeks and moves the before-the-end talk with an extension", () => {
    // Prepare
    const config = { ...LIFECYCLE_CONFIG, municipalityStepWeeks: { '265': { CHECK_IN: 1 } } };
    const extended = aPlacement({
      municipalityCode: '265',
      startDate: '2026-01-01',
      endDate: '2026-05-01',
      extensions: [{ date: '2026-03-20', newEndDate: '2026-05-01' }],
    });
    // Act
    const checkpoints = scheduledCheckpoints(extended, [], config);
    // Assess
    expect(checkpoints.map((c) => c.dueDate)).toEqual(['2026-01-08', '2026-02-12', '2026-04-17']);
  });
});
