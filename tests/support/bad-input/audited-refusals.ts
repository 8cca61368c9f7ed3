import type { Answer } from './client-answers.ts';

/** Codes of refusals that concern the input's shape, which no rule of whom-may-what decides. */
const SHAPE_CODES = new Set([
  'BAD_USER_INPUT',
  'GRAPHQL_VALIDATION_FAILED',
  'GRAPHQL_PARSE_FAILED',
  'BAD_REQUEST',
  'REQUEST_TOO_LARGE',
]);

/**
 * Whether a refusal is one the system records in the audit trail (a `REFUSED` record of the
 * call's correlation id), per issue 24 and docs/authorisation.md:
 * - every `FORBIDDEN`: a rule refused the caller;
 * - an invitation refused for whom it invites (`youthId`) once its input had the right shape:
 *   the refused invitations, audited as attempts — with the same answer, so the same
 *   record, for a young person not met as for one who does not exist.
 *
 * @param mutation - the mutation's name
 * @param badPath - where the generated bad value was put (`youthId`, `outcome.date` …)
 * @param answer - how the call was answered
 */
export function refusalIsAudited(mutation: string, badPath: string, answer: Answer): boolean {
  if (answer.refused === false) return false;
  if (answer.refused === 'error' && answer.codes.includes('FORBIDDEN')) return true;
  return (
    mutation === 'inviteYouth' &&
    badPath === 'youthId' &&
    answer.codes.every((code) => !SHAPE_CODES.has(code))
  );
}
