import { isStaffOf, requireIdentity } from '#kernel/authorisation';
import type { SubgraphContext } from '#kernel/context';
import { ForbiddenError } from '#kernel/errors';
import { isStaffRole } from '#kernel/identity';
import { loadCompanyFacts, loadYouthFacts } from '../repository/shared-items.ts';
import { linkExists } from '../repository/youth-company-link-repository.ts';
import { requireCompanyRecordsAccess } from './access.ts';
import type { CompanyRef, YouthRef } from './references.ts';

/**
 * Resolves a young person's reference for this subgraph's fields, or refuses: the young person
 * themself, their municipality's team, and a company contact whose company is tied to them by
 * an invitation or a placement (the youth–company link). Null when no such young person exists.
 *
 * @param context - the request's context
 * @param youthId - the referenced young person
 */
export async function resolveYouthReference(
  context: SubgraphContext,
  youthId: string,
): Promise<YouthRef | null> {
  const identity = requireIdentity(context);
  if (identity.role === 'YOUTH' && identity.youthId !== youthId) {
    throw new ForbiddenError("Another young person's records are not yours to see");
  }
  if (identity.role === 'COMPANY_CONTACT') {
    if (!(await linkExists(context.loader, youthId, identity.companyId))) {
      throw new ForbiddenError('This young person is not tied to your company');
    }
  } else if (identity.role !== 'YOUTH' && !isStaffRole(identity.role)) {
    throw new ForbiddenError('Only counts are open to this role');
  }
  const [facts] = await loadYouthFacts(context.loader, [youthId]);
  if (!facts) return null;
  if (isStaffRole(identity.role) && !isStaffOf(identity, facts.municipalityCode)) {
    throw new ForbiddenError('This young person belongs to another municipality');
  }
  return { id: facts.id, municipalityCode: facts.municipalityCode };
}

/**
 * Resolves a company's reference for this subgraph's fields (its placements, invitations and
 * wishes), or refuses: its own contacts and its municipality's team only. Null when no such
 * company exists.
 *
 * @param context - the request's context
 * @param companyId - the referenced company
 */
export async function resolveCompanyReference(
  context: SubgraphContext,
  companyId: string,
): Promise<CompanyRef | null> {
  const identity = requireIdentity(context);
  if (identity.role === 'COMPANY_CONTACT' && identity.companyId !== companyId) {
    throw new ForbiddenError("Another company's records are not yours to see");
  }
  if (identity.role !== 'COMPANY_CONTACT' && !isStaffRole(identity.role)) {
    throw new ForbiddenError(
      "Only the company's contacts and its municipality's team may see this",
    );
  }
  const [facts] = await loadCompanyFacts(context.loader, [companyId]);
  if (!facts) return null;
  const company = { id: facts.id, municipalityCode: facts.municipalityCode };
  requireCompanyRecordsAccess(identity, company);
  return company;
}
