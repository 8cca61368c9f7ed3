import type { SubgraphContext } from '#kernel/context';
import { BadUserInputError } from '#kernel/errors';

/**
 * Whom a request is made for when its input may leave it out: a young person's own token acts
 * for themself, a company contact's for their own company; the municipal team must name them.
 * Who may act for whom at all is the mutation's rule (`authorisation-rules.ts`), checked before
 * the command runs; here only what the input must hold for the caller.
 */

function required(field: string, what: string): never {
  throw new BadUserInputError(`Invalid input: ${field}: the team must name ${what}`, [
    { path: field, message: `the team must name ${what}` },
  ]);
}

/**
 * The young person a request is for: the caller, for a young person's token; the one named,
 * for the team.
 *
 * @param context - the request
 * @param youthId - the young person the input names, if any
 */
export function youthOfRequest(
  context: Pick<SubgraphContext, 'identity'>,
  youthId: string | null | undefined,
): string {
  const identity = context.identity;
  if (identity?.role === 'YOUTH') return identity.youthId;
  return youthId ?? required('youthId', 'the young person');
}

/**
 * The company a request is for: the caller's, for a company contact; the one named, for the
 * team.
 *
 * @param context - the request
 * @param companyId - the company the input names, if any
 */
export function companyOfRequest(
  context: Pick<SubgraphContext, 'identity'>,
  companyId: string | null | undefined,
): string {
  const identity = context.identity;
  if (identity?.role === 'COMPANY_CONTACT') return identity.companyId;
  return companyId ?? required('companyId', 'the company');
}
