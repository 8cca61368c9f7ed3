/**
 * The placement lifecycle's configuration: when each step falls due, how an overdue task is
 * chased, and how long a placement may run per benefit category. Kept as data in one place,
 * next to the rules that read it (the lifecycle task handler computes every due date from it,
 * and handlers never import infra/), so that a municipality's own rhythm or a reform of the
 * internship rules is a change here and nowhere else.
 */

/** The steps whose due date is counted in weeks from the placement's start. */
export interface StepWeeks {
  /** The first check-in ("opfølgning"). */
  CHECK_IN: number;
  /** The midway evaluation with young person, company and consultant ("midtvejsevaluering"). */
  MIDWAY_EVALUATION: number;
  /** The before-the-end talk on what comes next ("afslutningssamtale"). */
  BEFORE_END_TALK: number;
}

/**
 * How long a company internship ("virksomhedspraktik") may last for one benefit category.
 * Lengths are whole weeks from the first day to the last.
 */
export interface ExtensionLimit {
  /** Allowed without further ado. */
  baseWeeks: number;
  /** Allowed after an individual assessment ("individuel vurdering"). */
  assessedWeeks: number;
  /** Beyond `assessedWeeks`: at most this many weeks more at a time, with a recorded special need. */
  specialNeedStepWeeks: number;
}

/** The lifecycle's configuration. */
export interface LifecycleConfig {
  /** Default weeks after the start per step. */
  stepWeeks: StepWeeks;
  /** A municipality's own weeks, by municipality code, where they differ from the defaults. */
  municipalityStepWeeks: Record<string, Partial<StepWeeks>>;
  /** After an extension, the before-the-end talk falls this many days before the new end. */
  beforeEndTalkDaysBeforeEnd: number;
  /** A task opens (appears on the consultant's list) this many days before it is due. */
  opensDaysBefore: number;
  /** Days after the due date when an open task reminds the consultant. */
  remindAfterDays: number;
  /** Days after the due date when an open task is escalated to the team leader. */
  escalateAfterDays: number;
  /** Days after an escalation when a still open task is escalated again. */
  escalateAgainAfterDays: number;
  /** Months after the start of the education or job when retention is followed up. */
  followUpMonths: { FOLLOW_UP_3_MONTHS: number; FOLLOW_UP_6_MONTHS: number };
  /** Placement length limits per benefit category. */
  extensionLimits: Record<'ACTIVITY_READY' | 'EDUCATION_READY', ExtensionLimit>;
}

/**
 * The configuration in force. The limits follow the Danish rules for company internships as
 * the issue gives them for activity-ready young people ("aktivitetsparat": up to 13 weeks,
 * up to 26 after an individual assessment, then 13 weeks at a time with a recorded special
 * need). Education-ready young people get the same limits until the municipalities confirm
 * theirs: the rules are being reformed, and this is the one place to change them.
 */
export const LIFECYCLE_CONFIG: LifecycleConfig = {
  stepWeeks: { CHECK_IN: 2, MIDWAY_EVALUATION: 6, BEFORE_END_TALK: 11 },
  municipalityStepWeeks: {},
  beforeEndTalkDaysBeforeEnd: 14,
  opensDaysBefore: 3,
  remindAfterDays: 2,
  escalateAfterDays: 5,
  escalateAgainAfterDays: 7,
  followUpMonths: { FOLLOW_UP_3_MONTHS: 3, FOLLOW_UP_6_MONTHS: 6 },
  extensionLimits: {
    ACTIVITY_READY: { baseWeeks: 13, assessedWeeks: 26, specialNeedStepWeeks: 13 },
    EDUCATION_READY: { baseWeeks: 13, assessedWeeks: 26, specialNeedStepWeeks: 13 },
  },
};

/**
 * The step weeks of one municipality: its own where it set them, the defaults otherwise.
 *
 * @param config - the lifecycle configuration
 * @param municipalityCode - the municipality
 */
export function stepWeeksOf(config: LifecycleConfig, municipalityCode: string): StepWeeks {
  return { ...config.stepWeeks, ...config.municipalityStepWeeks[municipalityCode] };
}
