import { DomainRuleError } from '#kernel/errors';
import type { ResearchConsent } from './youth.ts';

/** Stable codes of the rules about research consent. */
export const CONSENT_RULE = {
  ALREADY_GIVEN: 'CONSENT_ALREADY_GIVEN',
  NOT_GIVEN: 'CONSENT_NOT_GIVEN',
  DATE_BEFORE_LAST_CHANGE: 'CONSENT_DATE_BEFORE_LAST_CHANGE',
  DATE_IN_FUTURE: 'DATE_IN_FUTURE',
} as const;

function requireNotInFuture(date: string, today: string): void {
  if (date > today) {
    throw new DomainRuleError(CONSENT_RULE.DATE_IN_FUTURE, 'The date must not be in the future', [
      'date',
    ]);
  }
}

/**
 * Consent after it is given. It may be given again after a withdrawal, never dated before that
 * withdrawal.
 *
 * @param consent - the consent now
 * @param date - the day it is given
 * @param today - today's date
 */
export function giveConsent(
  consent: ResearchConsent,
  date: string,
  today: string,
): ResearchConsent {
  requireNotInFuture(date, today);
  if (consent.given) {
    throw new DomainRuleError(CONSENT_RULE.ALREADY_GIVEN, 'Consent is already given', ['youthId']);
  }
  if (consent.withdrawnAt && date < consent.withdrawnAt) {
    throw new DomainRuleError(
      CONSENT_RULE.DATE_BEFORE_LAST_CHANGE,
      `Consent cannot be given before it was withdrawn (${consent.withdrawnAt})`,
      ['date'],
    );
  }
  return { given: true, givenAt: date, withdrawnAt: null };
}

/**
 * Consent after it is withdrawn: from that day on, the evaluation may not use the data.
 *
 * @param consent - the consent now
 * @param date - the day it is withdrawn
 * @param today - today's date
 */
export function withdrawConsent(
  consent: ResearchConsent,
  date: string,
  today: string,
): ResearchConsent {
  requireNotInFuture(date, today);
  if (!consent.given) {
    throw new DomainRuleError(CONSENT_RULE.NOT_GIVEN, 'Consent is not given', ['youthId']);
  }
  if (consent.givenAt && date < consent.givenAt) {
    throw new DomainRuleError(
      CONSENT_RULE.DATE_BEFORE_LAST_CHANGE,
      `Consent cannot be withdrawn before it was given (${consent.givenAt})`,
      ['date'],
    );
  }
  return { given: false, givenAt: consent.givenAt, withdrawnAt: date };
}
