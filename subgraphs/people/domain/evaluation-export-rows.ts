import * as z from 'zod';
import { type ActivityKind, type ActivityMinutes, noMinutes } from '#kernel/activity-log';
import { addMonths } from '#kernel/calendar';
import { IsoDateSchema } from '#kernel/validation';
import {
  PLACEMENT_ORIGIN_KINDS,
  type PlacementOriginKind,
} from '#placements/published/placement-codes';
import {
  type TieColumns,
  type TieFacts,
  TieFactsSchema,
  tieColumnsOf,
} from './evaluation-tie-columns.ts';
import type { SelfAssessment } from './self-assessment.ts';
import {
  type SelfAssessmentColumns,
  selfAssessmentColumnsOf,
} from './self-assessment-export-columns.ts';
import type { ControlAssignment } from './study-assignment.ts';
import {
  type DatedStatus,
  FIRST_YEAR_WEEKS,
  FOLLOW_UP_MONTHS,
  fallBacks,
  firstYearEndOf,
  inEducationOrJobAfter,
  type StatusWeek,
  type WeeklyStatus,
  weeklyStatusOn,
  weeklyStatusSeries,
  weeksInEducationOrJob,
  weeksOnPassiveSupport,
} from './weekly-status.ts';
import { ageOn, type Youth } from './youth.ts';
import { enrolledWithAgeException } from './youth-rules.ts';

/**
 * The rows of the researchers' evaluation dataset, built from one young person's profile and
 * timeline (people) and the facts the other subgraphs return for them. Pure: no I/O.
 *
 * What a row may hold is decided here, column by column: codes, counts, months, dates of
 * placements and follow-ups, and the pseudonym. Facts from other subgraphs are parsed by
 * whitelisting schemas, so a field a handler adds later (a note, a name) never reaches a file.
 */

/** Age bands of the dataset: the age at enrolment, never the birth date. */
export const AGE_BANDS = ['15-17', '18-24', '25-29', '30+'] as const;

/** An age band. */
export type AgeBand = (typeof AGE_BANDS)[number];

/**
 * The age band of an age in whole years (below 15, which the programme does not take, counts
 * as 15–17 so that no band can single anyone out).
 *
 * @param age - age in whole years
 */
export function ageBandOf(age: number): AgeBand {
  if (age < 18) return '15-17';
  if (age < 25) return '18-24';
  if (age < 30) return '25-29';
  return '30+';
}

/** A stable code (an enum value): upper case letters, digits and underscores, nothing else. */
const CodeSchema = z.string().regex(/^[A-Z][A-Z0-9_]*$/);

/** A placement's follow-up as the placements subgraph reports it (whitelisted). */
const FollowUpFactsSchema = z.object({
  step: CodeSchema,
  outcomeKind: CodeSchema.nullish(),
  dueDate: IsoDateSchema.nullish(),
  stillThere: z.boolean().nullish(),
});

const RatingSchema = z.number().int().min(1).max(5).nullable();

/**
 * A placement's feedback ratings (1–5) by side and occasion, as the placements subgraph reports
 * them: numbers only, never the words; null where none was given.
 */
const FeedbackRatingsSchema = z.object({
  youthMidway: RatingSchema,
  youthEnd: RatingSchema,
  companyMidway: RatingSchema,
  companyEnd: RatingSchema,
});

/** A placement's feedback ratings. */
export type FeedbackRatings = z.infer<typeof FeedbackRatingsSchema>;

const NO_RATINGS: FeedbackRatings = {
  youthMidway: null,
  youthEnd: null,
  companyMidway: null,
  companyEnd: null,
};

/** A placement as the placements subgraph reports it for research (whitelisted). */
export const PlacementFactsSchema = z.object({
  startDate: IsoDateSchema,
  endDate: IsoDateSchema,
  status: CodeSchema,
  outcomeKind: CodeSchema.nullish(),
  outcomeDate: IsoDateSchema.nullish(),
  followUps: z.array(FollowUpFactsSchema).default([]),
  /** Whether it came from the young person's wish, answered by the company with an invitation. */
  fromWishAnsweredByCompany: z.boolean().nullish(),
  /** How it came about: the young person's wish or answered invitation, or the team's arranging. */
  origin: z.enum(PLACEMENT_ORIGIN_KINDS).nullish(),
  /** The agreed weekly hours (1–37). */
  weeklyHours: z.number().int().min(1).max(37).nullish(),
  /** The company's id: replaced by its pseudonym before a row is made, never written. */
  companyId: z.string().min(1).nullish(),
  // Absent from a subgraph that reports none yet: no ratings.
  feedbackRatings: FeedbackRatingsSchema.optional(),
});

/** A placement's research facts. */
export type PlacementFacts = z.infer<typeof PlacementFactsSchema>;

/** The placements subgraph's columns of one young person. */
export const PlacementsColumnsSchema = z.object({
  placements: z.array(PlacementFactsSchema).default([]),
  ties: z.array(TieFactsSchema).default([]),
});

/** Network attendance as the learning community reports it: counts only. */
export const AttendanceSchema = z.object({
  present: z.number().int().min(0),
  absent: z.number().int().min(0),
  excused: z.number().int().min(0),
});

/** Network session attendance of one young person. */
export type Attendance = z.infer<typeof AttendanceSchema>;

/**
 * How many work stories a young person wrote, and with whom they shared them: counts only,
 * never the text (#20: shared with their group, with the company of their placement).
 */
export const WorkStoryCountsSchema = z.object({
  written: z.number().int().min(0),
  sharedWithGroup: z.number().int().min(0),
  sharedWithCompany: z.number().int().min(0),
});

/** A young person's work story counts. */
export type WorkStoryCounts = z.infer<typeof WorkStoryCountsSchema>;

/** No stories: the counts of a young person who wrote none. */
const NO_STORIES: WorkStoryCounts = { written: 0, sharedWithGroup: 0, sharedWithCompany: 0 };

/** The learning community's columns of one young person. */
export const LearningColumnsSchema = z.object({
  attendance: AttendanceSchema.default({ present: 0, absent: 0, excused: 0 }),
  workStories: WorkStoryCountsSchema.default(NO_STORIES),
  youthPeerTies: z.number().int().min(0).default(0),
});

/** Whether in education or a job N months after a day: null while that day is still to come. */
export type FollowUpColumns = Record<
  `after${(typeof FOLLOW_UP_MONTHS)[number]}Months`,
  boolean | null
>;

/** One young person's row. */
export interface EvaluationYouthRow extends TieColumns {
  pseudonym: string;
  municipalityCode: string;
  /** `YYYY-MM`. */
  enrolmentMonth: string;
  ageBandAtEnrolment: AgeBand;
  /** Whether enrolled outside the target group (18–29) with the team's reason; never the reason. */
  enrolledWithAgeException: boolean;
  benefitCategory: string;
  /** The weekly status of the last week observed. */
  statusAtEnd: WeeklyStatus | null;
  placementCount: number;
  inEducationOrJobAfterEnrolment: FollowUpColumns;
  weeksInEducationOrJob: number;
  fallBacks: number;
  attendance: Attendance;
  /** How many other young people they are tied to through youth groups (#20). */
  youthPeerTies: number;
  weeklyStatus: Array<{ week: string; status: WeeklyStatus }>;
  // --- issue #21: benefit history, passive support, covariates at enrolment ---
  /**
   * Weeks on passive support (neither placement, education nor job while in the programme:
   * `UNKNOWN` or `PAUSED`) in the first 52 weeks from the week of enrolment; null until the
   * first year is complete on the day observed.
   */
  weeksOnPassiveSupport: number | null;
  /** Gender stated at enrolment (`Gender`); null when not recorded then. */
  gender: string | null;
  /** Highest completed education recorded at enrolment (`EducationLevel`); null when not recorded then. */
  highestCompletedEducation: string | null;
  /** The benefit category at enrolment; null for a young person enrolled before it was kept. */
  benefitCategoryAtEnrolment: string | null;
  /** The lottery's arm (`TREATMENT`); null when not assigned by lottery by the day observed. */
  studyArm: string | null;
  /** The day of the lottery; null when not assigned by lottery by the day observed. */
  studyAssignedOn: string | null;
  // --- end issue #21 ---
  /** The young person's own self-assessments: first and latest, per item (#20). */
  selfAssessment: SelfAssessmentColumns;
  /** How many work stories they wrote and shared, with their group and with a company (#20). */
  workStories: WorkStoryCounts;
  /** The staff minutes the team's activity log holds about them (#21), in all. */
  staffMinutes: number;
  /** The same minutes by kind of activity, every kind (0 where none). */
  staffMinutesByKind: Record<ActivityKind, number>;
}

/** One placement's row. */
export interface EvaluationPlacementRow {
  pseudonym: string;
  municipalityCode: string;
  /** The placement's number in the young person's history, 1 for the first. */
  placementNumber: number;
  startDate: string;
  endDate: string;
  status: string;
  outcomeKind: string | null;
  outcomeDate: string | null;
  followUps: Array<{
    step: string;
    outcomeKind: string | null;
    dueDate: string | null;
    stillThere: boolean | null;
  }>;
  /** From the end of the placement (its outcome's day, else its end date), once it has ended. */
  inEducationOrJobAfterEnd: FollowUpColumns;
  /** It came from the young person's wish, which the company answered with an invitation. */
  fromWishAnsweredByCompany: boolean;
  /** The feedback ratings by side and occasion (#20's voice), null where none was given. */
  feedbackRatings: FeedbackRatings;
  /** How it came about (#21): `WISH`, `INVITATION` (both the young person's choice) or `STAFF`. */
  placementOrigin: PlacementOriginKind | null;
  /** The company's pseudonym (#21), stable across exports under one key. */
  companyPseudonym: string | null;
  /** The agreed weekly hours (#21). */
  weeklyHours: number | null;
}

/** The follow-up columns counted from a day; all null when the day itself is unknown. */
function followUpsFrom(
  enrolledAt: string,
  timeline: readonly DatedStatus[],
  from: string | null,
  until: string,
): FollowUpColumns {
  const columns = {} as FollowUpColumns;
  for (const months of FOLLOW_UP_MONTHS) {
    columns[`after${months}Months`] =
      from !== null && addMonths(from, months) <= until
        ? inEducationOrJobAfter(enrolledAt, timeline, from, months)
        : null;
  }
  return columns;
}

/** Weeks on passive support in the first year, once it is complete on the day observed. */
function passiveSupportColumn(
  enrolledAt: string,
  series: readonly StatusWeek[],
  until: string,
): number | null {
  if (firstYearEndOf(enrolledAt) > until) return null;
  return weeksOnPassiveSupport(series.slice(0, FIRST_YEAR_WEEKS));
}

/** The input of one young person's rows. */
export interface EvaluationSubject {
  pseudonym: string;
  youth: Youth;
  timeline: readonly DatedStatus[];
  placements: readonly PlacementFacts[];
  attendance: Attendance;
  /** Their self-assessments (none when left out). */
  selfAssessments?: readonly SelfAssessment[];
  /** Their ties to companies (#20); none when left out. */
  ties?: readonly TieFacts[];
  /** Their work story counts (#20); none when left out. */
  workStories?: WorkStoryCounts;
  /** How many other young people they are tied to (#20); 0 when left out. */
  youthPeerTies?: number;
  /** Turns a company's id into its pseudonym (#21); without it no company pseudonym is given. */
  companyPseudonymOf?: (companyId: string) => string;
  /** The staff minutes logged about them (#21); none when left out. */
  staffMinutes?: ActivityMinutes;
}

/**
 * One young person's row and their placements' rows, observed until a day: placements that
 * start after it are left out, follow-ups whose day has not come are null.
 *
 * @param subject - the young person's facts, under their pseudonym
 * @param until - the last day observed
 */
export function evaluationRowsOf(
  subject: EvaluationSubject,
  until: string,
): { youth: EvaluationYouthRow; placements: EvaluationPlacementRow[] } {
  const { pseudonym, youth, timeline } = subject;
  const series = weeklyStatusSeries(youth.enrolledAt, timeline, until);
  const placements = [...subject.placements]
    .filter((placement) => placement.startDate <= until)
    .sort((a, b) => (a.startDate < b.startDate ? -1 : a.startDate > b.startDate ? 1 : 0));
  return {
    youth: {
      pseudonym,
      municipalityCode: youth.municipalityCode,
      enrolmentMonth: youth.enrolledAt.slice(0, 7),
      ageBandAtEnrolment: ageBandOf(ageOn(youth.dateOfBirth, youth.enrolledAt)),
      enrolledWithAgeException: enrolledWithAgeException(youth),
      benefitCategory: youth.benefitCategory,
      statusAtEnd: weeklyStatusOn(youth.enrolledAt, timeline, until),
      placementCount: placements.length,
      inEducationOrJobAfterEnrolment: followUpsFrom(
        youth.enrolledAt,
        timeline,
        youth.enrolledAt,
        until,
      ),
      weeksInEducationOrJob: weeksInEducationOrJob(series),
      fallBacks: fallBacks(series),
      attendance: subject.attendance,
      youthPeerTies: subject.youthPeerTies ?? 0,
      weeklyStatus: series.map(({ week, status }) => ({ week, status })),
      // issue #21
      weeksOnPassiveSupport: passiveSupportColumn(youth.enrolledAt, series, until),
      gender: youth.atEnrolment?.gender ?? null,
      highestCompletedEducation: youth.atEnrolment?.highestCompletedEducation ?? null,
      benefitCategoryAtEnrolment: youth.atEnrolment?.benefitCategory ?? null,
      ...studyColumnsOf(youth.studyAssignment, until),
      selfAssessment: selfAssessmentColumnsOf(subject.selfAssessments ?? [], until),
      workStories: subject.workStories ?? NO_STORIES,
      staffMinutes: (subject.staffMinutes ?? noMinutes()).minutes,
      staffMinutesByKind: { ...(subject.staffMinutes ?? noMinutes()).byKind },
      ...tieColumnsOf(subject.ties ?? [], until),
    },
    placements: placements.map((placement, index) => {
      const ended =
        placement.outcomeDate ?? (placement.endDate <= until ? placement.endDate : null);
      return {
        pseudonym,
        municipalityCode: youth.municipalityCode,
        placementNumber: index + 1,
        startDate: placement.startDate,
        endDate: placement.endDate,
        status: placement.status,
        outcomeKind: placement.outcomeKind ?? null,
        outcomeDate: placement.outcomeDate ?? null,
        followUps: placement.followUps.map((followUp) => ({
          step: followUp.step,
          outcomeKind: followUp.outcomeKind ?? null,
          dueDate: followUp.dueDate ?? null,
          stillThere: followUp.stillThere ?? null,
        })),
        inEducationOrJobAfterEnd: followUpsFrom(youth.enrolledAt, timeline, ended, until),
        fromWishAnsweredByCompany: placement.fromWishAnsweredByCompany ?? false,
        feedbackRatings: placement.feedbackRatings ?? NO_RATINGS,
        placementOrigin: placement.origin ?? null,
        companyPseudonym:
          placement.companyId && subject.companyPseudonymOf
            ? subject.companyPseudonymOf(placement.companyId)
            : null,
        weeklyHours: placement.weeklyHours ?? null,
      };
    }),
  };
}

/**
 * The study columns (issue #21): the lottery's arm and day, when the draw was on or before the
 * day observed.
 *
 * @param assignment - the profile's study assignment, if any
 * @param until - the last day observed
 */
function studyColumnsOf(
  assignment: { arm: string; assignedOn: string } | null | undefined,
  until: string,
): { studyArm: string | null; studyAssignedOn: string | null } {
  if (!assignment || assignment.assignedOn > until)
    return { studyArm: null, studyAssignedOn: null };
  return { studyArm: assignment.arm, studyAssignedOn: assignment.assignedOn };
}

/**
 * One row of the control file (issue #21): a person a municipality's lottery drew for the
 * control group, under the pseudonym of the municipality's reference, with the covariates at
 * assignment — the comparison's counterpart of a youth row's covariates.
 */
export interface EvaluationControlRow {
  pseudonym: string;
  municipalityCode: string;
  arm: 'CONTROL';
  assignedOn: string;
  birthYear: number;
  gender: string;
  highestCompletedEducation: string;
  benefitCategory: string;
}

/**
 * The control rows of a municipality's entries drawn in the period (both days included).
 *
 * @param entries - the municipality's control entries
 * @param period - the first and last day observed
 */
export function controlRowsOf(
  entries: readonly ControlAssignment[],
  period: { from: string; until: string },
): EvaluationControlRow[] {
  return entries
    .filter((entry) => entry.assignedOn >= period.from && entry.assignedOn <= period.until)
    .map((entry) => ({
      pseudonym: entry.pseudonym,
      municipalityCode: entry.municipalityCode,
      arm: entry.arm,
      assignedOn: entry.assignedOn,
      birthYear: entry.birthYear,
      gender: entry.gender,
      highestCompletedEducation: entry.highestCompletedEducation,
      benefitCategory: entry.benefitCategory,
    }));
}
