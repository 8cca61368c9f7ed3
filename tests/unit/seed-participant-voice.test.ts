import { describe, expect, it } from 'vitest';
import { participantVoiceItems } from '#infra/local/seed/seed-participant-voice';
import { ParticipantTaskEntity } from '#placements/repository/participant-task-entity';
import { PlacementFeedbackEntity } from '#placements/repository/placement-feedback-entity';
import { aPlacement } from '../support/placements-factories.ts';

/**
 * The demo world's participant voice: the tasks the lifecycle would have opened by the demo's
 * today, and the feedback given on most of them, each answered task closed by its feedback.
 */
describe("the demo world's participant tasks and feedback", () => {
  const today = '2026-12-01';
  const placements = [
    aPlacement({
      id: 'p-active',
      status: 'ACTIVE',
      startDate: '2026-10-01',
      endDate: '2027-01-01',
    }),
    aPlacement({
      id: 'p-done',
      status: 'COMPLETED',
      startDate: '2026-06-01',
      endDate: '2026-09-01',
    }),
    aPlacement({
      id: 'p-planned',
      status: 'PLANNED',
      startDate: '2027-01-04',
      endDate: '2027-04-04',
    }),
  ];

  it('opens midway tasks on a placement past its midway, end tasks on one completed, and nothing on one planned', () => {
    // Act
    const items = participantVoiceItems(placements, today);

    // Assess
    const tasks = items
      .filter((i) => i.entity === 'ParticipantTask')
      .map(ParticipantTaskEntity.fromItem);
    const byPlacement = (id: string) =>
      tasks
        .filter((t) => t.placementId === id)
        .map((t) => `${t.kind}/${t.occasion}/${t.assignee}`)
        .sort();
    expect(byPlacement('p-active')).toEqual([
      'PLACEMENT_FEEDBACK/MIDWAY/COMPANY',
      'PLACEMENT_FEEDBACK/MIDWAY/YOUTH',
      'SELF_ASSESSMENT/CHECKPOINT/YOUTH',
    ]);
    expect(byPlacement('p-done')).toEqual([
      'PLACEMENT_FEEDBACK/END/COMPANY',
      'PLACEMENT_FEEDBACK/END/YOUTH',
      'PLACEMENT_FEEDBACK/MIDWAY/COMPANY',
      'PLACEMENT_FEEDBACK/MIDWAY/YOUTH',
      'SELF_ASSESSMENT/CHECKPOINT/YOUTH',
    ]);
    expect(byPlacement('p-planned')).toEqual([]);
  });

  it('gives feedback on some tasks and not on others, each given one closing its task', () => {
    // Act
    const items = participantVoiceItems(placements, today);

    // Assess
    const tasks = items
      .filter((i) => i.entity === 'ParticipantTask')
      .map(ParticipantTaskEntity.fromItem);
    const feedback = items
      .filter((i) => i.entity === 'PlacementFeedback')
      .map(PlacementFeedbackEntity.fromItem);
    expect(feedback.length).toBeGreaterThan(0);
    expect(tasks.some((t) => t.kind === 'PLACEMENT_FEEDBACK' && t.status === 'OPEN')).toBe(true);
    for (const given of feedback) {
      const task = tasks.find(
        (t) =>
          t.placementId === given.placementId &&
          t.occasion === given.occasion &&
          t.assignee === given.side,
      );
      expect(task?.status).toBe('DONE');
    }
  });
});
