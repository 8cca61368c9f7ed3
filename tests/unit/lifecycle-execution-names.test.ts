import { describe, expect, it } from 'vitest';
import {
  lifecycleExecutionName,
  lifecycleExecutionRun,
  nextLifecycleExecutionName,
} from '#placements/domain/lifecycle';

/**
 * The names of a placement's lifecycle executions: Step Functions keeps a name for 90 days after
 * its execution ended, so every execution that takes a lifecycle over gets the next name of the
 * placement's own sequence.
 */
describe('lifecycle execution names', () => {
  it('names the first execution after the placement and each one that takes over by its run', () => {
    // Act
    const names = [0, 1, 2, 12].map((run) => lifecycleExecutionName('01KABC', run));
    // Assess
    expect(names).toEqual([
      'placement-01KABC',
      'placement-01KABC-r1',
      'placement-01KABC-r2',
      'placement-01KABC-r12',
    ]);
  });

  it('reads the run back from a name of the placement, and no run from any other name', () => {
    // Act
    const runs = [
      'placement-01KABC',
      'placement-01KABC-r7',
      'placement-01KABC-r0',
      'placement-01KABC-rx',
      'placement-01KABD-r1',
      'placement-01KABC-r1-r2',
    ].map((name) => lifecycleExecutionRun('01KABC', name));
    // Assess
    expect(runs).toEqual([0, 7, undefined, undefined, undefined, undefined]);
  });

  it('gives the next run the next name, whatever the current one is', () => {
    // Act
    const next = [
      nextLifecycleExecutionName('01KABC', 'placement-01KABC'),
      nextLifecycleExecutionName('01KABC', 'placement-01KABC-r3'),
      // A placement id that itself ends like a run is still read from its own prefix.
      nextLifecycleExecutionName('p-r1', 'placement-p-r1'),
    ];
    // Assess
    expect(next).toEqual(['placement-01KABC-r1', 'placement-01KABC-r4', 'placement-p-r1-r1']);
  });
});
