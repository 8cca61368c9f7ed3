import * as z from 'zod';
import { addMonths } from '#kernel/calendar';
import { EntityIdSchema, IsoDateSchema, MunicipalityCodeSchema } from '#kernel/validation';
import type { YouthStatusChangeRequest } from '#people/published/youth-status';
import {
  OUTCOME_KINDS,
  PLACEMENT_ORIGIN_KINDS,
  PLACEMENT_STATUSES,
} from '../published/placement-codes.ts';
import { PlacementFollowUpSchema, PlacementLifecycleSchema } from './lifecycle.ts';

export { OUTCOME_KINDS, PLACEMENT_ORIGIN_KINDS, PLACEMENT_STATUSES };

/** Where a placement is in its course. */
export type PlacementStatus = (typeof PLACEMENT_STATUSES)[number];

/** Statuses in which a placement holds a place and the young person's time. */
export const OPEN_PLACEMENT_STATUSES: readonly PlacementStatus[] = [
  'PLANNED',
  'ACTIVE',
  'EXTENDED',
];

/** Statuses in which a placement is under way. */
export const RUNNING_PLACEMENT_STATUSES: readonly PlacementStatus[] = ['ACTIVE', 'EXTENDED'];

/** A kind of outcome of a placement. */
export type OutcomeKind = (typeof OUTCOME_KINDS)[number];

/**
 * Whether an outcome is the young person leaving for education or a job: the programme's aim,
 * so a placement left early for one is a success, not an interruption.
 *
 * @param kind - the outcome
 */
export function leavesForEducationOrJob(kind: OutcomeKind): kind is 'EDUCATION' | 'JOB' {
  return kind === 'EDUCATION' || kind === 'JOB';
}

/** The individually tailored plan: goals in the young person's words, tasks, support agreed. */
export const PlacementPlanSchema = z.object({
  goals: z.array(z.string()),
  tasks: z.array(z.string()),
  support: z.array(z.string()),
});

/** The individually tailored plan of a placement. */
export type PlacementPlan = z.infer<typeof PlacementPlanSchema>;

/** A follow-up meeting of a placement. */
export const CheckpointSchema = z.object({
  id: z.string(),
  title: z.string(),
  dueDate: IsoDateSchema,
  completedOn: IsoDateSchema.nullable(),
  notes: z.string().nullable(),
});

/** A follow-up meeting of a placement. */
export type Checkpoint = z.infer<typeof CheckpointSchema>;

/** What education or job a young person went on to. */
export const OutcomeDetailsSchema = z.object({
  what: z.string(),
  where: z.string(),
  startDate: IsoDateSchema,
});

/** What education or job a young person went on to. */
export type OutcomeDetails = z.infer<typeof OutcomeDetailsSchema>;

/** How a placement ended or what came next. */
export const PlacementOutcomeSchema = z.object({
  kind: z.enum(OUTCOME_KINDS),
  date: IsoDateSchema,
  details: OutcomeDetailsSchema.nullable(),
});

/** How a placement ended or what came next. */
export type PlacementOutcome = z.infer<typeof PlacementOutcomeSchema>;

/** The learning reflection on an interrupted placement. */
export const LearningReflectionSchema = z.object({
  whatHappened: z.string(),
  whatWasLearned: z.string(),
  whatNext: z.string(),
});

/** The learning reflection on an interrupted placement. */
export type LearningReflection = z.infer<typeof LearningReflectionSchema>;

/** How a placement came about. */
export const PlacementOriginSchema = z.object({
  kind: z.enum(PLACEMENT_ORIGIN_KINDS),
  wishId: z.string().nullable(),
  invitationId: z.string().nullable(),
});

/** How a placement came about. */
export type PlacementOrigin = z.infer<typeof PlacementOriginSchema>;

/** A placement ("praktikforløb") as the domain knows it. */
export const PlacementSchema = z.object({
  id: EntityIdSchema,
  municipalityCode: MunicipalityCodeSchema,
  youthId: z.string(),
  companyId: z.string(),
  opportunityId: z.string(),
  mentorContactId: z.string(),
  startDate: IsoDateSchema,
  endDate: IsoDateSchema,
  weeklyHours: z.number().int(),
  status: z.enum(PLACEMENT_STATUSES),
  plan: PlacementPlanSchema,
  checkpoints: z.array(CheckpointSchema),
  outcome: PlacementOutcomeSchema.nullable(),
  learningReflection: LearningReflectionSchema.nullable(),
  origin: PlacementOriginSchema,
  createdAt: z.string(),
  /** Where its lifecycle workflow stands; absent until the lifecycle starts. */
  lifecycle: PlacementLifecycleSchema.nullish(),
  /** Retention follow-ups after an education or job outcome, in order. */
  followUps: z.array(PlacementFollowUpSchema).optional(),
  /**
   * Every extension, in order: when it was agreed and the new last day. Kept because the
   * outcome `EXTENDED` is replaced by the final outcome, and the figures count extensions.
   */
  extensions: z.array(z.object({ date: IsoDateSchema, newEndDate: IsoDateSchema })).optional(),
  version: z.number().int().nonnegative(),
  /**
   * The young person's own reflection on an interrupted placement, beside the team's learning
   * reflection (`writeMyReflection`); absent until they write one.
   */
  youthReflection: z.object({ text: z.string(), writtenAt: z.string() }).nullish(),
});

/** A placement ("praktikforløb"). */
export type Placement = z.infer<typeof PlacementSchema>;

/** The usual length of a placement: three months. */
export const STANDARD_PLACEMENT_MONTHS = 3;

/** The end date of a placement when none is agreed: three months after the start. */
export function defaultEndDate(startDate: string): string {
  return addMonths(startDate, STANDARD_PLACEMENT_MONTHS);
}

/**
 * The status a new placement gets: under way when it starts today or started already,
 * planned otherwise.
 *
 * @param startDate - the first day
 * @param today - today's date
 */
export function initialStatus(startDate: string, today: string): PlacementStatus {
  return startDate <= today ? 'ACTIVE' : 'PLANNED';
}

/** A young person's programme status, as the people subgraph (its owner) declares it. */
export type YouthStatus = YouthStatusChangeRequest['status'];

/**
 * The young person's status that follows from a placement's outcome, or null when the outcome
 * leaves it as it is (an extension keeps them in placement). An interruption is a pause, not an
 * exit: the team follows up and a new placement may follow.
 *
 * @param kind - the outcome
 */
export function youthStatusAfterOutcome(kind: OutcomeKind): YouthStatus | null {
  switch (kind) {
    case 'EDUCATION':
      return 'IN_EDUCATION';
    case 'JOB':
      return 'IN_JOB';
    case 'NEW_PLACEMENT':
      return 'ENROLLED';
    case 'PAUSE':
    case 'DROPPED_OUT':
      return 'PAUSED';
    case 'EXTENDED':
      return null;
  }
}
