import type { AuditSubject } from '#kernel/audit-subject';
import { answeredById, type Command } from '#kernel/command';
import type { ItemLoader } from '#kernel/entity-loader';
import { NotFoundError, requireVersion } from '#kernel/errors';
import { loadCompany } from '../repository/company-repository.ts';
import type { Company } from './company.ts';

/**
 * What the commands of this subgraph share: the company a change starts from, and how a change
 * answers with the company, again for an idempotent repeat.
 */

/**
 * A company read strongly consistent for a change, or `NOT_FOUND` (the authorisation rule let
 * the caller through only because their role may make the change to some company).
 *
 * @param loader - the request's loader
 * @param companyId - the company
 */
export async function companyToChange(loader: ItemLoader, companyId: string): Promise<Company> {
  const company = await loadCompany(loader, companyId);
  if (!company) throw new NotFoundError('There is no company with this id');
  return company;
}

/**
 * A company read for an edit made on the version the caller read: `NOT_FOUND`, or `CONFLICT`
 * naming the current version when it moved on.
 *
 * @param loader - the request's loader
 * @param input - the company and the version the caller read
 */
export async function companyAtVersion(
  loader: ItemLoader,
  input: { companyId: string; expectedVersion: number },
): Promise<Company> {
  const company = await companyToChange(loader, input.companyId);
  requireVersion('The company', input.expectedVersion, company.version);
  return company;
}

/** A change of a company is about its municipality, never a young person (audit trail). */
export function aboutCompany(company: Pick<Company, 'municipalityCode'>): AuditSubject {
  return { municipalityCode: company.municipalityCode };
}

/**
 * How a command that answers with the company remembers it for a repeat (its id, never its
 * details), answers the repeat (the company as it is now) and tells whom it is about.
 */
export const answersWithCompany = {
  ...answeredById('The company', (context, id) => loadCompany(context.loader, id)),
  about: (_input, company) => aboutCompany(company),
} satisfies Pick<Command<unknown, Company>, 'remember' | 'recall' | 'about'>;
