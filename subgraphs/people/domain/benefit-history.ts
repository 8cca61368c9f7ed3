import { BadUserInputError } from '#kernel/errors';
import type { BenefitCategory, BenefitPeriod, Youth } from './youth.ts';

/**
 * A young person's benefit history (issue #21): the category at enrolment is kept, and every
 * change of category is dated. It lives on the profile (a handful of periods at most), so a
 * change of category and its history are one update on the profile's version, and erasure
 * deletes it with the profile.
 *
 * A profile stored before the history was kept has none: it reads as one period of the
 * category stored, from an unknown day (null) — not claimed to be the category at enrolment.
 */

/**
 * The benefit history of a profile, oldest first.
 *
 * @param youth - the profile
 */
export function benefitHistoryOf(
  youth: Pick<Youth, 'benefitCategory' | 'benefitHistory'>,
): BenefitPeriod[] {
  return youth.benefitHistory?.length
    ? [...youth.benefitHistory]
    : [{ category: youth.benefitCategory, from: null }];
}

/**
 * The history an enrolment starts: the category, from the day of enrolment.
 *
 * @param category - the category at enrolment
 * @param enrolledAt - the day of enrolment
 */
export function enrolmentBenefitHistory(
  category: BenefitCategory,
  enrolledAt: string,
): BenefitPeriod[] {
  return [{ category, from: enrolledAt }];
}

function refuse(message: string): never {
  throw new BadUserInputError(`Invalid input: benefitCategoryFrom: ${message}`, [
    { path: 'benefitCategoryFrom', message },
  ]);
}

/**
 * The history after a change of category from a day: unchanged when the category is the one
 * held now. The day must be on or after enrolment and the last dated period, and not in the
 * future (`BAD_USER_INPUT` on `benefitCategoryFrom`, nothing changed).
 *
 * @param youth - the profile before the change
 * @param category - the new category
 * @param from - the day it holds from
 * @param today - today's date
 */
export function historyAfterChange(
  youth: Pick<Youth, 'benefitCategory' | 'benefitHistory' | 'enrolledAt'>,
  category: BenefitCategory,
  from: string,
  today: string,
): BenefitPeriod[] {
  const history = benefitHistoryOf(youth);
  if (from > today) refuse('must not be in the future');
  if (from < youth.enrolledAt) refuse('must not be before the enrolment');
  const lastDated = history.findLast((period) => period.from !== null)?.from;
  if (lastDated && from < lastDated) {
    refuse(`must not be before the current category's first day (${lastDated})`);
  }
  if (category === youth.benefitCategory) return history;
  return [...history, { category, from }];
}
