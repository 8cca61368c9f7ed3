import { addDays } from '#kernel/calendar';
import type { Item } from '#kernel/table/table';
import { LIFECYCLE_CONFIG, stepWeeksOf } from '#placements/domain/lifecycle-config';
import {
  type FeedbackOccasion,
  type ParticipantSide,
  type ParticipantTask,
  participantTasksOfStep,
} from '#placements/domain/participant-task';
import type { Placement } from '#placements/domain/placement';
import { feedbackId, type PlacementFeedback } from '#placements/domain/placement-feedback';
import { ParticipantTaskEntity } from '#placements/repository/participant-task-entity';
import { PlacementFeedbackEntity } from '#placements/repository/placement-feedback-entity';

/**
 * The participants' voice in the demo world (#20): the tasks the lifecycle would have opened
 * on each placement that reached its midway evaluation (a self-assessment, feedback from both
 * sides) and its end (feedback from both sides), and feedback given on most of them —
 * deterministic, by the placement's place in the list, with words on every other one.
 */

/** Demo words of each side: what worked, what to change. */
const DEMO_WORDS: Record<ParticipantSide, readonly [string, string]> = {
  YOUTH: ['Faste opgaver og en kollega jeg kunne spørge', 'Lidt mere at lave om eftermiddagen'],
  COMPANY: ['Mødte stabilt og spurgte ind til opgaverne', 'Aftal pauser tydeligere fra start'],
};

/** The tasks a placement's lifecycle would have opened by today. */
function tasksOf(placement: Placement, today: string): ParticipantTask[] {
  if (placement.status === 'PLANNED') return [];
  const weeks = stepWeeksOf(LIFECYCLE_CONFIG, placement.municipalityCode);
  const midway = addDays(placement.startDate, weeks.MIDWAY_EVALUATION * 7);
  const tasks: ParticipantTask[] = [];
  if (midway <= today && midway <= placement.endDate) {
    tasks.push(
      ...participantTasksOfStep(
        placement,
        'MIDWAY_EVALUATION',
        1,
        midway,
        `${midway}T06:00:00.000Z`,
      ),
    );
  }
  if (placement.status === 'COMPLETED' && placement.endDate <= today) {
    const end = placement.endDate;
    tasks.push(
      ...participantTasksOfStep(placement, 'OUTCOME_DECISION', 1, end, `${end}T06:00:00.000Z`),
    );
  }
  return tasks;
}

/** Whether the demo's side answered at an occasion: most do, some never get round to it. */
function answers(index: number, side: ParticipantSide, occasion: FeedbackOccasion): boolean {
  const n = index + (side === 'COMPANY' ? 1 : 0) + (occasion === 'END' ? 2 : 0);
  return n % 4 !== 0;
}

/** A rating from 2 to 5, young people a little more critical at midway than at the end. */
function ratingOf(index: number, side: ParticipantSide, occasion: FeedbackOccasion): number {
  const base = (index * 7 + (side === 'COMPANY' ? 3 : 0)) % 4;
  return Math.min(5, 2 + base + (occasion === 'END' ? 1 : 0));
}

/**
 * The items of the participant tasks and feedback of the demo's placements.
 *
 * @param placements - the demo's placements
 * @param today - the demo's today
 */
export function participantVoiceItems(placements: readonly Placement[], today: string): Item[] {
  const items: Item[] = [];
  placements.forEach((placement, index) => {
    for (const task of tasksOf(placement, today)) {
      if (task.kind !== 'PLACEMENT_FEEDBACK') {
        items.push(ParticipantTaskEntity.toItem(task));
        continue;
      }
      const occasion = task.occasion as FeedbackOccasion;
      const side = task.assignee;
      if (!answers(index, side, occasion)) {
        items.push(ParticipantTaskEntity.toItem(task));
        continue;
      }
      const givenAt = `${addDays(task.dueDate, 1)}T10:00:00.000Z`;
      const feedback: PlacementFeedback = {
        id: feedbackId(placement.id, occasion, side),
        placementId: placement.id,
        youthId: placement.youthId,
        companyId: placement.companyId,
        municipalityCode: placement.municipalityCode,
        side,
        occasion,
        rating: ratingOf(index, side, occasion),
        whatWorked: index % 2 === 0 ? DEMO_WORDS[side][0] : null,
        whatToChange: index % 2 === 0 ? DEMO_WORDS[side][1] : null,
        givenAt,
        version: 1,
      };
      items.push(ParticipantTaskEntity.toItem({ ...task, status: 'DONE', doneAt: givenAt }));
      items.push(PlacementFeedbackEntity.toItem(feedback));
    }
  });
  return items;
}
