import type { SubgraphContext } from '#kernel/context';
import { loadCompanyFacts, loadYouthFacts } from '../repository/shared-items.ts';
import type { CompanyRef, YouthRef } from './references.ts';

/**
 * The references to other subgraphs' entities that this subgraph adds fields to, resolved with
 * the municipality their fields' rules decide on. Who may reach them is the references' rules
 * (`authorisation-rules.ts`), checked on what these resolve.
 */

/**
 * A young person's reference, with their municipality; null when no such young person exists.
 *
 * @param context - the request's context
 * @param youthId - the referenced young person
 */
export async function resolveYouthReference(
  context: SubgraphContext,
  youthId: string,
): Promise<YouthRef | null> {
  const [facts] = await loadYouthFacts(context.loader, [youthId]);
  return facts ? { id: facts.id, municipalityCode: facts.municipalityCode } : null;
}

/**
 * A company's reference, with its municipality; null when no such company exists.
 *
 * @param context - the request's context
 * @param companyId - the referenced company
 */
export async function resolveCompanyReference(
  context: SubgraphContext,
  companyId: string,
): Promise<CompanyRef | null> {
  const [facts] = await loadCompanyFacts(context.loader, [companyId]);
  return facts ? { id: facts.id, municipalityCode: facts.municipalityCode } : null;
}
