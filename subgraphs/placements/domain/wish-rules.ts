import { StrangerRuleError } from '#kernel/errors';
import type { CompanyFacts, OpportunityFacts, YouthFacts } from '../repository/shared-items.ts';
import { broken, RULE } from './rules.ts';
import type { CreateWishInput, Wish } from './wish.ts';

/** What a new wish is decided on, as read. */
export interface WishFacts {
  youth: YouthFacts | undefined;
  company: CompanyFacts | undefined;
  /** The opportunity named, when one was. */
  opportunity: OpportunityFacts | undefined;
  /** The young person's wishes so far. */
  wishes: readonly Wish[];
}

/**
 * The young person exists, and the company is of their municipality and takes part: what a
 * wish and the team's introduction both require, in that order. A company of another
 * municipality is answered as one that does not exist, as whether it does is not the caller's
 * to learn. Pure.
 *
 * @param youth - the young person as read
 * @param company - the company as read
 */
export function requireYouthAndTheirActiveCompany(
  youth: YouthFacts | undefined,
  company: CompanyFacts | undefined,
): { youth: YouthFacts; company: CompanyFacts } {
  if (!youth) throw broken(RULE.YOUTH_NOT_FOUND, 'No such young person', ['youthId']);
  if (!company || company.municipalityCode !== youth.municipalityCode) {
    const answer = broken(
      RULE.COMPANY_NOT_FOUND,
      "No such company in the young person's municipality",
      ['companyId'],
    );
    throw company ? new StrangerRuleError(answer, company.municipalityCode) : answer;
  }
  if (company.status !== 'ACTIVE') {
    throw broken(RULE.COMPANY_NOT_ACTIVE, 'The company has paused or left the network', [
      'companyId',
    ]);
  }
  return { youth, company };
}

/**
 * The rules of a new wish, in the order they are reported: the young person exists, the company
 * exists in their municipality, the company takes part, the opportunity named is the company's
 * and open, and the young person does not wish for it already. Pure.
 *
 * @param facts - what was read
 * @param input - the wish asked for
 * @returns the young person and the company
 */
export function requireWishRules(
  facts: WishFacts,
  input: Pick<CreateWishInput, 'opportunityId'>,
): { youth: YouthFacts; company: CompanyFacts } {
  const { opportunity } = facts;
  const { youth, company } = requireYouthAndTheirActiveCompany(facts.youth, facts.company);
  if (input.opportunityId) {
    // One answer for an opportunity of no one, of another company and of another
    // municipality, as for an invitation: the company named has none with this id.
    if (!opportunity || opportunity.companyId !== company.id) {
      throw broken(RULE.OPPORTUNITY_NOT_AT_COMPANY, "The opportunity is not the company's", [
        'opportunityId',
      ]);
    }
    if (!opportunity.open) {
      throw broken(RULE.OPPORTUNITY_CLOSED, 'The opportunity is closed', ['opportunityId']);
    }
  }
  const duplicate = facts.wishes.some(
    (wish) =>
      wish.status === 'OPEN' &&
      wish.companyId === company.id &&
      wish.opportunityId === (input.opportunityId ?? null),
  );
  if (duplicate) {
    throw broken(RULE.DUPLICATE_WISH, 'The young person already wishes for this', ['companyId']);
  }
  return { youth, company };
}
