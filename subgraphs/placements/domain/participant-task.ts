import * as z from 'zod';
import { IsoDateSchema } from '#kernel/validation';
import type { LifecycleStep } from './lifecycle.ts';
import type { Placement } from './placement.ts';

/**
 * Tasks the placement lifecycle opens for the participants rather than for the team: the young
 * person is asked for a self-assessment at each checkpoint and follow-up, and both the young
 * person and the company for feedback on the placement at the midway evaluation and at the end.
 * They never hold the team's lifecycle up (no workflow waits on them) and are never chased or
 * escalated; the team sees on the placement whether they were answered. The contract with the
 * people subgraph is `sharedKeys.participantTask` and `sharedKeys.selfAssessment`.
 */

/** What a participant is asked to do. */
export const PARTICIPANT_TASK_KINDS = ['SELF_ASSESSMENT', 'PLACEMENT_FEEDBACK'] as const;

/** When in the placement's course the participant is asked. */
export const PARTICIPANT_TASK_OCCASIONS = [
  'CHECKPOINT',
  'FOLLOW_UP',
  'MIDWAY',
  'END',
  'ENROLMENT',
] as const;

/** The occasions feedback on a placement is given at. */
export const FEEDBACK_OCCASIONS = ['MIDWAY', 'END'] as const;

/** An occasion feedback on a placement is given at. */
export type FeedbackOccasion = (typeof FEEDBACK_OCCASIONS)[number];

/** Who is asked: the young person or the company (any of its contacts). */
export const PARTICIPANT_SIDES = ['YOUTH', 'COMPANY'] as const;

/** The young person's or the company's side of a placement. */
export type ParticipantSide = (typeof PARTICIPANT_SIDES)[number];

/** Where a participant task stands as stored; a self-assessment's is done once answered. */
export const PARTICIPANT_TASK_STATUSES = ['OPEN', 'DONE'] as const;

/** A participant task as stored, in the young person's item collection. */
export const ParticipantTaskSchema = z.object({
  id: z.string(),
  youthId: z.string(),
  companyId: z.string(),
  municipalityCode: z.string(),
  placementId: z.string(),
  kind: z.enum(PARTICIPANT_TASK_KINDS),
  occasion: z.enum(PARTICIPANT_TASK_OCCASIONS),
  assignee: z.enum(PARTICIPANT_SIDES),
  /** The lifecycle step that opened it, and its round. */
  step: z.string(),
  round: z.number().int().min(1),
  openedAt: z.string(),
  dueDate: IsoDateSchema,
  /**
   * `DONE` once the feedback it asks for is given (in the same transaction). A self-assessment
   * task stays `OPEN` here: the people subgraph's answer (`sharedKeys.selfAssessment`) is what
   * makes it done, read beside it.
   */
  status: z.enum(PARTICIPANT_TASK_STATUSES),
  doneAt: z.string().nullable(),
  version: z.number().int().nonnegative(),
});

/** A participant task as stored. */
export type ParticipantTask = z.infer<typeof ParticipantTaskSchema>;

/**
 * A participant task with whether it is done, as participants and the team see it. The
 * enrolment self-assessment is of no placement and no company ({@link enrolmentSelfAssessmentTask}).
 */
export interface ParticipantTaskView extends Omit<ParticipantTask, 'placementId' | 'companyId'> {
  placementId: string | null;
  companyId: string | null;
  done: boolean;
}

/**
 * The occasion people stores the enrolment self-assessment under (`sharedKeys.selfAssessment`),
 * answered by `recordSelfAssessment` without a `taskId`.
 */
export const ENROLMENT_ASSESSMENT_OCCASION = 'ENROLMENT';

/**
 * The young person's self-assessment at enrolment as a task, while it is unanswered: stored
 * nowhere (people's answer is what ends it), so its id is stable by the young person alone.
 *
 * @param youth - the young person's facts
 * @param today - today, the due date when the enrolment date is unknown
 */
export function enrolmentSelfAssessmentTask(
  youth: { id: string; municipalityCode: string; enrolledAt: string | null },
  today: string,
): ParticipantTaskView {
  const dueDate = youth.enrolledAt ?? today;
  return {
    id: `${youth.id}_SA_ENROLMENT`,
    youthId: youth.id,
    companyId: null,
    municipalityCode: youth.municipalityCode,
    placementId: null,
    kind: 'SELF_ASSESSMENT',
    occasion: 'ENROLMENT',
    assignee: 'YOUTH',
    step: 'ENROLMENT',
    round: 1,
    openedAt: `${dueDate}T00:00:00.000Z`,
    dueDate,
    status: 'OPEN',
    doneAt: null,
    version: 0,
    done: false,
  };
}

/**
 * The id of the self-assessment task of a step and round: deterministic, so that a retried or
 * relaunched step finds the task it opened before. People uses it as the assessment's occasion,
 * so it holds only what an id may (`EntityIdSchema`).
 */
export function selfAssessmentTaskId(placementId: string, step: LifecycleStep, round: number) {
  return `${placementId}_SA_${step}_${round}`;
}

/**
 * The id of a feedback task: one per placement, side and occasion, whatever the round (feedback
 * at the end is asked once, at the first outcome decision).
 */
export function feedbackTaskId(
  placementId: string,
  occasion: FeedbackOccasion,
  side: ParticipantSide,
) {
  return `${placementId}_FB_${occasion}_${side}`;
}

/** The prefix of every participant task id of a placement. */
export function participantTaskIdPrefix(placementId: string): string {
  return `${placementId}_`;
}

/** What a lifecycle step asks of the participants. */
interface Ask {
  kind: ParticipantTask['kind'];
  occasion: ParticipantTask['occasion'];
  assignee: ParticipantSide;
}

const SELF_ASSESSMENT_AT: Partial<Record<LifecycleStep, ParticipantTask['occasion']>> = {
  CHECK_IN: 'CHECKPOINT',
  MIDWAY_EVALUATION: 'CHECKPOINT',
  BEFORE_END_TALK: 'CHECKPOINT',
  FOLLOW_UP_3_MONTHS: 'FOLLOW_UP',
  FOLLOW_UP_6_MONTHS: 'FOLLOW_UP',
};

// The end is the outcome decision on the placement's last day: the before-the-end talk comes
// two weeks earlier, while there is still placement to give feedback on.
const FEEDBACK_AT: Partial<Record<LifecycleStep, FeedbackOccasion>> = {
  MIDWAY_EVALUATION: 'MIDWAY',
  OUTCOME_DECISION: 'END',
};

function asksOf(step: LifecycleStep): Ask[] {
  const asks: Ask[] = [];
  const assessment = SELF_ASSESSMENT_AT[step];
  if (assessment) asks.push({ kind: 'SELF_ASSESSMENT', occasion: assessment, assignee: 'YOUTH' });
  const feedback = FEEDBACK_AT[step];
  if (feedback) {
    for (const assignee of PARTICIPANT_SIDES) {
      asks.push({ kind: 'PLACEMENT_FEEDBACK', occasion: feedback, assignee });
    }
  }
  return asks;
}

/**
 * The participant tasks a lifecycle step opens, as new values: a self-assessment at each
 * checkpoint and follow-up, feedback from both sides at the midway evaluation and the outcome
 * decision. Pure; the ids decide what "the same task" is.
 *
 * @param placement - the placement
 * @param step - the step whose task opens
 * @param round - its round
 * @param dueDate - the step's due date
 * @param openedAt - now, as an instant
 */
export function participantTasksOfStep(
  placement: Pick<Placement, 'id' | 'youthId' | 'companyId' | 'municipalityCode'>,
  step: LifecycleStep,
  round: number,
  dueDate: string,
  openedAt: string,
): ParticipantTask[] {
  return asksOf(step).map((ask) => ({
    id:
      ask.kind === 'SELF_ASSESSMENT'
        ? selfAssessmentTaskId(placement.id, step, round)
        : feedbackTaskId(placement.id, ask.occasion as FeedbackOccasion, ask.assignee),
    youthId: placement.youthId,
    companyId: placement.companyId,
    municipalityCode: placement.municipalityCode,
    placementId: placement.id,
    ...ask,
    step,
    round,
    openedAt,
    dueDate,
    status: 'OPEN',
    doneAt: null,
    version: 1,
  }));
}

/** What each task asks, in Danish and English, for the participant's app. */
export function participantTaskTitle(task: Pick<ParticipantTask, 'kind' | 'occasion'>): string {
  if (task.kind === 'SELF_ASSESSMENT') {
    if (task.occasion === 'ENROLMENT') return 'Hvor står du nu? (self-assessment at enrolment)';
    return task.occasion === 'FOLLOW_UP'
      ? 'Hvordan går det nu? (self-assessment at the follow-up)'
      : 'Hvordan går det? (self-assessment at the checkpoint)';
  }
  return task.occasion === 'MIDWAY'
    ? 'Feedback på praktikken midtvejs (feedback on the placement at midway)'
    : 'Feedback på praktikken ved afslutningen (feedback on the placement at the end)';
}
