import { DomainRuleError } from '#kernel/errors';
import type { YouthStatus } from './youth.ts';

/**
 * The moves a young person's status may make. The programme's statuses fall in three groups:
 *
 * - in the programme: `ENROLLED` (looking for a placement) and `IN_PLACEMENT`;
 * - outcomes that are followed up: `IN_EDUCATION` and `IN_JOB` (either may lead to the other,
 *   or back into the programme when it does not hold);
 * - `PAUSED` (a break, from which any status may follow) and `EXITED`, which is final.
 *
 * Any status but `EXITED` may go to `PAUSED` or `EXITED`. `IN_PLACEMENT` is reached only from
 * `ENROLLED` or `PAUSED` (a placement starts for someone in the programme, not for someone in a
 * job or an education, who is enrolled again first). A status never "changes" to itself.
 */
export const YOUTH_STATUS_TRANSITIONS: Readonly<Record<YouthStatus, readonly YouthStatus[]>> = {
  ENROLLED: ['IN_PLACEMENT', 'IN_EDUCATION', 'IN_JOB', 'PAUSED', 'EXITED'],
  IN_PLACEMENT: ['ENROLLED', 'IN_EDUCATION', 'IN_JOB', 'PAUSED', 'EXITED'],
  IN_EDUCATION: ['ENROLLED', 'IN_JOB', 'PAUSED', 'EXITED'],
  IN_JOB: ['ENROLLED', 'IN_EDUCATION', 'PAUSED', 'EXITED'],
  PAUSED: ['ENROLLED', 'IN_PLACEMENT', 'IN_EDUCATION', 'IN_JOB', 'EXITED'],
  EXITED: [],
};

/** Stable codes of the rules about status changes, as user errors carry them. */
export const STATUS_RULE = {
  TRANSITION_NOT_ALLOWED: 'STATUS_TRANSITION_NOT_ALLOWED',
  DATE_BEFORE_LAST_CHANGE: 'STATUS_DATE_BEFORE_LAST_CHANGE',
  DATE_IN_FUTURE: 'DATE_IN_FUTURE',
  SET_BY_PLACEMENT: 'STATUS_SET_BY_PLACEMENT',
} as const;

/** Whether a young person may go from one status to another. */
export function canChangeStatus(from: YouthStatus, to: YouthStatus): boolean {
  return YOUTH_STATUS_TRANSITIONS[from].includes(to);
}

/**
 * Checks a status change against the transition table and the history: the move must be
 * allowed and must not be dated before the last change.
 *
 * @param current - the status now and the day it was set (absent for items without history)
 * @param change - the new status and its day
 */
export function requireStatusChangeAllowed(
  current: { status: YouthStatus; changedAt?: string | undefined },
  change: { status: YouthStatus; date: string },
): void {
  if (!canChangeStatus(current.status, change.status)) {
    const message =
      current.status === 'EXITED'
        ? 'The young person has left the programme; their status no longer changes'
        : `The status cannot change from ${current.status} to ${change.status}`;
    throw new DomainRuleError(STATUS_RULE.TRANSITION_NOT_ALLOWED, message, ['status']);
  }
  if (current.changedAt && change.date < current.changedAt) {
    throw new DomainRuleError(
      STATUS_RULE.DATE_BEFORE_LAST_CHANGE,
      `The change cannot be dated before the last change (${current.changedAt})`,
      ['date'],
    );
  }
}

/**
 * Rules that apply when the team changes a status by hand (not when a placement does): not in
 * the future, and never to `IN_PLACEMENT`, which a placement starting sets so that status and
 * placement cannot disagree.
 *
 * @param change - the new status and its day
 * @param today - today's date
 */
export function requireManualStatusChange(
  change: { status: YouthStatus; date: string },
  today: string,
): void {
  if (change.status === 'IN_PLACEMENT') {
    throw new DomainRuleError(
      STATUS_RULE.SET_BY_PLACEMENT,
      'A young person is in placement when a placement starts; start the placement instead',
      ['status'],
    );
  }
  if (change.date > today) {
    throw new DomainRuleError(STATUS_RULE.DATE_IN_FUTURE, 'The date must not be in the future', [
      'date',
    ]);
  }
}
