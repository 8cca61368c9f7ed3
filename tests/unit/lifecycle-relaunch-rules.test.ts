import { describe, expect, it } from 'vitest';
import type { PlacementLifecycle } from '#placements/domain/lifecycle';
import { relaunchedLifecycle, resumeInput } from '#placements/domain/lifecycle-relaunch';
import { executionStopped } from '#placements/reconciler/reconcile-lifecycles';

const running: PlacementLifecycle = {
  executionId: 'placement-p-1',
  status: 'RUNNING',
  step: 'BEFORE_END_TALK',
  round: 2,
  nextDueDate: '2027-01-18',
  consultantStaffId: 'staff-265-1',
  startedAt: '2026-10-01T08:00:00.000Z',
  endedAt: null,
  endReason: null,
};

describe('a lifecycle that goes on under a new execution', () => {
  it('needs one whenever the execution its record names does not run', () => {
    // Act
    const stopped = (
      ['RUNNING', 'SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED', undefined] as const
    ).map(executionStopped);
    // Assess
    expect(stopped).toEqual([false, true, true, true, true, true]);
  });

  it('takes the next name; a restart is counted (from none on a record written before counting), a hand-over is not', () => {
    // Act
    const restarted = relaunchedLifecycle('p-1', running, 'RESTART');
    const again = relaunchedLifecycle('p-1', restarted, 'RESTART');
    const handedOver = relaunchedLifecycle('p-1', again, 'HANDOVER');
    // Assess
    expect(restarted).toEqual({ ...running, executionId: 'placement-p-1-r1', restarts: 1 });
    expect(again).toMatchObject({ executionId: 'placement-p-1-r2', restarts: 2 });
    expect(handedOver).toEqual({ ...again, executionId: 'placement-p-1-r3' });
  });

  it('starts the new execution at the step and round the record holds', () => {
    // Act
    const input = resumeInput('p-1', running);
    // Assess
    expect(input).toEqual({ placementId: 'p-1', round: 2, resumeAt: 'BEFORE_END_TALK' });
  });
});
