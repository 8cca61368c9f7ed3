import { DomainRuleError } from '#kernel/errors';
import type { UserError } from '../generated/resolvers-types.ts';

/**
 * Runs a mutation's use case and shapes its payload: the changed objects and no errors, or —
 * when a rule of the domain is broken (nothing was written) — the refused shape with the rule
 * as a user error. Every other error (FORBIDDEN, CONFLICT, …) stays a GraphQL error.
 *
 * @param work - the use case, returning the payload's objects
 * @param refused - the payload's objects when the rule is broken (nulls)
 */
export async function withUserErrors<T extends object, R extends object>(
  work: () => Promise<T>,
  refused: R,
): Promise<(T | R) & { errors: UserError[] }> {
  try {
    return { ...(await work()), errors: [] };
  } catch (error) {
    if (!(error instanceof DomainRuleError)) throw error;
    const { code, message, path } = error.userError;
    return { ...refused, errors: [{ code, message, path: path ?? null }] };
  }
}
