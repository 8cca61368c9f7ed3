import { DomainRuleError } from '#kernel/errors';

/** Stable codes of the rules a psychologist's contact checks, as user errors carry them. */
export const PSYCHOLOGIST_CONTACT_RULE = {
  FOLLOW_UP_BEFORE_CONTACT: 'FOLLOW_UP_BEFORE_CONTACT',
} as const;

/**
 * Refuses a follow-up dated before the contact that agreed it (`followUp.on`): a follow-up is
 * planned at the contact, never in its past. It may lie in the future.
 *
 * @param followUpOn - the follow-up's day, when one is agreed
 * @param contactOn - the contact's day
 */
export function requireFollowUpNotBeforeContact(
  followUpOn: string | undefined,
  contactOn: string,
): void {
  if (followUpOn !== undefined && followUpOn < contactOn) {
    throw new DomainRuleError(
      PSYCHOLOGIST_CONTACT_RULE.FOLLOW_UP_BEFORE_CONTACT,
      'The follow-up must not be before the contact',
      ['followUp', 'on'],
    );
  }
}
