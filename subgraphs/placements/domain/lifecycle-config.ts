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
 * The configuration in force.
 *
 * The placement lengths follow the Danish rules for company internships ("virksomhedspraktik"),
 * lov om en aktiv beskæftigelsesindsats (LAB) § 61, as consolidated in LBK nr. 280 af 1. marts
 * 2024 (https://www.elov.dk/lov-om-en-aktiv-beskaeftigelsesindsats/paragraf/61/, read
 * 2026-12-07), with Copenhagen's summary of the target groups
 * (https://www.kk.dk/indhold/om-virksomhedspraktik):
 *
 * - activity-ready ("aktivitetsparat") on cash or education benefit: up to 13 weeks; after a
 *   concrete assessment up to 26 (§ 61, stk. 2); near the end of the 26 weeks, with a very
 *   special need, 13 weeks more at a time;
 * - education-ready ("uddannelsesparat") on education benefit: up to 4 weeks in general, but
 *   up to 13 weeks for one without work experience, with long unemployment or who otherwise
 *   finds it hard to get a subsidised job (§ 61, stk. 1, nr. 2), and then the same extensions
 *   (§ 61, stk. 2). NEXTWORK's young people are in that group by the programme's definition
 *   (neither in work nor education, with barriers), so 13 weeks is the base here too. The
 *   system does not record work experience: an education-ready young person who has it is
 *   limited to 4 weeks by law, which the team must see to (a documented default, not a check);
 * - job-ready ("jobparat"): 4 weeks, or 13 as above; the domain has no such category, since
 *   job-ready young people are not in the programme's target group.
 *
 * The 2025–26 reform ("Aftale om reform af beskæftigelsesindsatsen", April 2025; phase 1 in
 * force on 1 February and 1 July 2026, L 66 2025/26; phase 2, a new LAB, expected on 1 January
 * 2027, star.dk/da/implementering/beskaeftigelsesreform/proces) simplifies target groups and
 * contact rules; none of the sources found states new internship lengths, so the limits above
 * stay until the new LAB is in force. Change them here and nowhere else.
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
