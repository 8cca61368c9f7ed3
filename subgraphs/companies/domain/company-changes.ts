import type { SubgraphContext } from '#kernel/context';
import { ConflictError, NotFoundError } from '#kernel/errors';
import type { Identity } from '#kernel/identity';
import { readCompany } from '../repository/company-repository.ts';
import type { Company } from './company.ts';
import { type CompanyMutation, requireCompanyMutation } from './company-access.ts';
import type { CompanyAudience } from './company-audience.ts';

/** What the use cases of this subgraph need from the request: the table, the loader, the clock. */
export type CompaniesDeps = Pick<SubgraphContext, 'table' | 'loader' | 'now'>;

/**
 * A company read for a change, and the caller's audience for it: `NOT_FOUND` when there is no
 * such company, `FORBIDDEN` when the caller may not run this mutation on it.
 *
 * @param deps - table, loader and clock
 * @param identity - the caller
 * @param companyId - the company
 * @param mutation - the change asked for
 */
export async function companyForChange(
  deps: CompaniesDeps,
  identity: Identity,
  companyId: string,
  mutation: CompanyMutation,
): Promise<{ company: Company; audience: CompanyAudience }> {
  const company = await readCompany(deps.table, companyId);
  if (!company) throw new NotFoundError('There is no company with this id');
  return { company, audience: requireCompanyMutation(identity, company, mutation) };
}

/**
 * Refuses with `CONFLICT` a change made on a version that is no longer the current one.
 *
 * @param current - the version as read now
 * @param expected - the version the caller made the change on, when given
 */
export function requireExpectedVersion(current: number, expected: number | undefined): void {
  if (expected !== undefined && expected !== current) {
    throw new ConflictError(
      `This was changed by someone else (now version ${current}, not ${expected}); read it again and retry`,
    );
  }
}
