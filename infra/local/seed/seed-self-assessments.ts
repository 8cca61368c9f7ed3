import { createHash } from 'node:crypto';
import { addDays } from '#kernel/calendar';
import type { Item } from '#kernel/table/table';
import {
  ENROLMENT_OCCASION,
  type SelfAssessment,
  SelfAssessmentSchema,
} from '#people/domain/self-assessment';
import {
  currentSelfAssessmentVersion,
  SCALE_MAX,
  SCALE_MIN,
} from '#people/domain/self-assessment-items';
import { SelfAssessmentEntity } from '#people/repository/self-assessment-entity';
import type { LifecycleStep } from '#placements/domain/lifecycle';
import { LIFECYCLE_CONFIG, stepWeeksOf } from '#placements/domain/lifecycle-config';
import { participantTasksOfStep } from '#placements/domain/participant-task';
import { ParticipantTaskEntity } from '#placements/repository/participant-task-entity';
import type { DemoPlacement, DemoWorld, DemoYouth } from './demo-world.ts';

/**
 * The demo's self-assessments over time (#20, Direction): most young people answered at
 * enrolment (every fifth has not yet, so the app shows it due), and again at the midway
 * evaluation of each placement that reached it (a lifecycle checkpoint) and three months after
 * each placement's outcome (a follow-up). The later occasions answer participant tasks, which
 * the placements lifecycle opens in production; the demo's lifecycles do not run, so the tasks
 * are built here by the placements domain's own `participantTasksOfStep` (the same ids and
 * shape as the lifecycle's, and as the demo's feedback tasks in `seed-participant-voice.ts`,
 * which writes the midway step's tasks too: the same item twice). Scores are derived from each young person's id, so the demo is the same on every
 * machine and its direction figures show both improvement and setbacks.
 */

/** The follow-up that asks one: three months after the placement's outcome. */
const FOLLOW_UP_DAYS = 91;

function seedOf(text: string): number[] {
  return [...createHash('sha256').update(text).digest()];
}

function clamp(score: number): number {
  return Math.min(SCALE_MAX, Math.max(SCALE_MIN, score));
}

/** Scores of one occasion: a starting point per item from the id, `step` points on from it. */
function scoresOf(youthId: string, step: number, setback: boolean): Record<string, number> {
  const bytes = seedOf(youthId);
  const scores: Record<string, number> = {};
  currentSelfAssessmentVersion().items.forEach(({ key }, index) => {
    const start = 1 + ((bytes[index] ?? 0) % 3);
    const change = setback && index % 2 === 0 ? -1 : step - ((bytes[index + 8] ?? 0) % 2);
    scores[key] = clamp(start + Math.max(change, setback ? -1 : 0));
  });
  return scores;
}

function assessmentOf(
  youth: DemoYouth,
  occasion: Pick<SelfAssessment, 'occasion' | 'taskId' | 'placementId' | 'date' | 'scores'>,
): SelfAssessment {
  return SelfAssessmentSchema.parse({
    youthId: youth.id,
    municipalityCode: youth.municipalityCode,
    occasionKey: occasion.taskId ?? ENROLMENT_OCCASION,
    itemsVersion: currentSelfAssessmentVersion().version,
    recordedAt: `${occasion.date}T10:00:00.000Z`,
    ...occasion,
  });
}

/** The self-assessment task a lifecycle step opened on a placement, as the lifecycle writes it. */
function taskOf(placement: DemoPlacement, step: LifecycleStep, due: string) {
  const task = participantTasksOfStep(placement, step, 1, due, `${due}T06:00:00.000Z`).find(
    (opened) => opened.kind === 'SELF_ASSESSMENT',
  );
  if (!task) throw new Error(`The lifecycle step ${step} asks no self-assessment`);
  return task;
}

/** The later occasions of one placement that the demo's today has reached. */
function placementOccasions(placement: DemoPlacement, today: string) {
  const occasions: Array<{
    occasion: 'CHECKPOINT' | 'FOLLOW_UP';
    task: ReturnType<typeof taskOf>;
    date: string;
  }> = [];
  const weeks = stepWeeksOf(LIFECYCLE_CONFIG, placement.municipalityCode);
  const midway = addDays(placement.startDate, weeks.MIDWAY_EVALUATION * 7);
  if (placement.status !== 'PLANNED' && midway <= today && midway <= placement.endDate) {
    const task = taskOf(placement, 'MIDWAY_EVALUATION', midway);
    occasions.push({ occasion: 'CHECKPOINT', task, date: midway });
  }
  const followUp = placement.outcome ? addDays(placement.outcome.date, FOLLOW_UP_DAYS) : null;
  if (followUp && followUp <= today) {
    const task = taskOf(placement, 'FOLLOW_UP_3_MONTHS', followUp);
    occasions.push({ occasion: 'FOLLOW_UP', task, date: followUp });
  }
  return occasions;
}

/**
 * The items of the demo's self-assessments and the participant tasks they answer.
 *
 * @param world - the demo world
 */
export function selfAssessmentItems(world: DemoWorld): Item[] {
  const items: Item[] = [];
  world.youth.forEach((youth, index) => {
    if (index % 5 === 4) return;
    items.push(
      SelfAssessmentEntity.toItem(
        assessmentOf(youth, {
          occasion: 'ENROLMENT',
          taskId: null,
          placementId: null,
          date: youth.enrolledAt,
          scores: scoresOf(youth.id, 0, false),
        }),
      ),
    );
    const setback = (seedOf(youth.id)[31] ?? 0) % 6 === 0;
    let step = 0;
    const placements = world.placements
      .filter((placement) => placement.youthId === youth.id)
      .sort((a, b) => a.startDate.localeCompare(b.startDate));
    for (const placement of placements) {
      for (const occasion of placementOccasions(placement, world.today)) {
        step += 1;
        items.push(
          ParticipantTaskEntity.toItem(occasion.task),
          SelfAssessmentEntity.toItem(
            assessmentOf(youth, {
              occasion: occasion.occasion,
              taskId: occasion.task.id,
              placementId: placement.id,
              date: occasion.date,
              scores: scoresOf(youth.id, step, setback),
            }),
          ),
        );
      }
    }
  });
  return items;
}
