import { programmeStart, requireDateInRange } from '#kernel/date-bounds';
import { DomainRuleError } from '#kernel/errors';
import { ageOn, TARGET_GROUP_AGES, type Youth } from './youth.ts';

/** Stable codes of the rules the commands on young people check, as user errors carry them. */
export const YOUTH_RULE = {
  NOT_FOUND: 'YOUTH_NOT_FOUND',
  EXITED: 'YOUTH_EXITED',
  DATE_IN_FUTURE: 'DATE_IN_FUTURE',
  ENROLMENT_BEFORE_BIRTH: 'ENROLMENT_BEFORE_BIRTH',
  AGE_OUTSIDE_TARGET_GROUP: 'AGE_OUTSIDE_TARGET_GROUP',
} as const;

/**
 * Refuses, with the user error `AGE_OUTSIDE_TARGET_GROUP` on `dateOfBirth`, an enrolment of
 * someone outside the programme's target group (18 to 29 on the day of enrolment) for whom the
 * team records no reason: the exception is the team's considered decision, never an accident of
 * a mistyped birth date.
 *
 * @param dateOfBirth - the date of birth
 * @param enrolledAt - the day of enrolment
 * @param ageExceptionReason - the team's reason, when one is recorded
 */
export function requireAgeInTargetGroupOrReason(
  dateOfBirth: string,
  enrolledAt: string,
  ageExceptionReason: string | null | undefined,
): void {
  const age = ageOn(dateOfBirth, enrolledAt);
  const inGroup = age >= TARGET_GROUP_AGES.min && age <= TARGET_GROUP_AGES.max;
  if (inGroup || ageExceptionReason) return;
  throw new DomainRuleError(
    YOUTH_RULE.AGE_OUTSIDE_TARGET_GROUP,
    `The programme's target group is ${TARGET_GROUP_AGES.min} to ${TARGET_GROUP_AGES.max} years old on the day of enrolment (${age} here); record ageExceptionReason to enrol anyway`,
    ['dateOfBirth'],
  );
}

/**
 * Whether a young person was enrolled outside the target group with the team's recorded reason:
 * what the age-exception figures count (the reason itself is never counted or exported).
 *
 * @param youth - the date of birth, the day of enrolment and the reason, when recorded
 */
export function enrolledWithAgeException(youth: {
  dateOfBirth: string;
  enrolledAt: string;
  ageExceptionReason?: string | null | undefined;
}): boolean {
  const age = ageOn(youth.dateOfBirth, youth.enrolledAt);
  const inGroup = age >= TARGET_GROUP_AGES.min && age <= TARGET_GROUP_AGES.max;
  return !inGroup && Boolean(youth.ageExceptionReason);
}

/**
 * The young person, when there is one; otherwise the user error `YOUTH_NOT_FOUND` on `youthId`.
 *
 * @param youth - the young person as read
 */
export function requireYouthFound<T>(youth: T | undefined): T {
  if (youth === undefined) {
    throw new DomainRuleError(YOUTH_RULE.NOT_FOUND, 'No such young person', ['youthId']);
  }
  return youth;
}

/**
 * Refuses a day after today.
 *
 * @param date - the day
 * @param today - today's date
 * @param path - the input field of the day
 */
export function requireNotInFuture(date: string, today: string, path: string[]): void {
  if (date > today) {
    throw new DomainRuleError(
      YOUTH_RULE.DATE_IN_FUTURE,
      'The date must not be in the future',
      path,
    );
  }
}

/** Refuses a change of the profile of a young person who has left the programme. */
export function requireNotExited(youth: Pick<Youth, 'status'>): void {
  if (youth.status === 'EXITED') {
    throw new DomainRuleError(
      YOUTH_RULE.EXITED,
      'The young person has left the programme; their profile is closed',
      ['youthId'],
    );
  }
}

/**
 * Refuses an enrolment dated before the young person was born.
 *
 * @param enrolledAt - the day of enrolment
 * @param dateOfBirth - the date of birth
 */
export function requireEnrolmentAfterBirth(enrolledAt: string, dateOfBirth: string): void {
  if (enrolledAt < dateOfBirth) {
    throw new DomainRuleError(
      YOUTH_RULE.ENROLMENT_BEFORE_BIRTH,
      'Enrolment must follow the birth date',
      ['enrolledAt'],
    );
  }
}

/**
 * Refuses, with `DATE_OUT_OF_RANGE`, a day of the young person's time in the programme (a status
 * change, a consent, a support note) dated before the programme began, before they were
 * enrolled or before they were born.
 *
 * @param date - the day
 * @param youth - the young person as read
 * @param path - the input field of the day
 */
export function requireInYouthsTime(
  date: string,
  youth: Pick<Youth, 'enrolledAt' | 'dateOfBirth'>,
  path: string[],
): void {
  requireDateInRange(
    date,
    {
      notBefore: [
        programmeStart,
        { date: youth.dateOfBirth, what: 'the young person was born' },
        { date: youth.enrolledAt, what: 'the young person was enrolled' },
      ],
    },
    path,
  );
}
