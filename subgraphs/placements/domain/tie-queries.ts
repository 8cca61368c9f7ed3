import { isStaffOf, requireIdentity } from '#kernel/authorisation';
import type { Connection } from '#kernel/connection';
import type { SubgraphContext } from '#kernel/context';
import {
  type CompanyCompanyTie,
  firstContact,
  lastContact,
  strongestFirst,
  type TieStrength,
  tieStrength,
  type YouthCompanyTie,
} from '#kernel/ties';
import { isTiedNow } from '#kernel/youth-company-link';
import {
  listTiesOfCompany,
  readCompanyTiesOfCompany,
  readTiesOfYouth,
} from '../repository/youth-company-tie-entity.ts';
import { type PageArgs, pageOf } from './placement-queries.ts';
import type { CompanyRef, YouthRef } from './references.ts';

/** A youth–company tie as shown (`CompanyTie` from the young person, `YouthTie` from the company). */
export interface TieView
  extends Pick<
    YouthCompanyTie,
    'youthId' | 'companyId' | 'municipalityCode' | 'ways' | 'youthInterest' | 'companyInterest'
  > {
  firstContact: string | null;
  lastContact: string | null;
  strength: TieStrength;
}

/** A company's tie to another company as shown (`CompanyCompanyTie`). */
export interface CompanyCompanyTieView {
  companyId: string;
  otherCompanyId: string;
  ways: CompanyCompanyTie['ways'];
  firstContact: string | null;
  lastContact: string | null;
}

function viewOf(tie: YouthCompanyTie): TieView {
  return {
    youthId: tie.youthId,
    companyId: tie.companyId,
    municipalityCode: tie.municipalityCode,
    ways: tie.ways,
    youthInterest: tie.youthInterest,
    companyInterest: tie.companyInterest,
    firstContact: firstContact(tie),
    lastContact: lastContact(tie),
    strength: tieStrength(tie),
  };
}

/**
 * A young person's ties to companies, the strongest first (one query of their collection, small
 * by design).
 */
export async function companyTiesOfYouth(
  context: SubgraphContext,
  youth: YouthRef,
): Promise<TieView[]> {
  return strongestFirst(await readTiesOfYouth(context.table, youth.id)).map(viewOf);
}

/**
 * A page of a company's ties to young people, with only those the caller may see: the team its
 * own municipality's young people; a contact of the company those it is tied to now
 * (`isTiedNow`: an open invitation, an open wish, a planned or running placement). The tie as
 * history shows a contact nothing the live link would not.
 */
export async function youthTiesOfCompany(
  context: SubgraphContext,
  company: CompanyRef,
  args: PageArgs,
): Promise<Connection<TieView>> {
  const identity = requireIdentity(context);
  const page = await listTiesOfCompany(context, company.id, pageOf(args));
  const visible = await Promise.all(
    page.edges.map(({ node }) =>
      identity.role === 'COMPANY_CONTACT'
        ? identity.companyId === node.companyId && isTiedNow(context, node.youthId, node.companyId)
        : isStaffOf(identity, node.municipalityCode),
    ),
  );
  return {
    pageInfo: page.pageInfo,
    edges: page.edges
      .filter((_edge, i) => visible[i])
      .map(({ cursor, node }) => ({ cursor, node: viewOf(node) })),
  };
}

/** A company's ties to other companies, the latest contact first. */
export async function companyTiesOfCompany(
  context: SubgraphContext,
  company: CompanyRef,
): Promise<CompanyCompanyTieView[]> {
  const ties = await readCompanyTiesOfCompany(context.table, company.id);
  return ties
    .map((tie) => ({
      companyId: tie.companyId,
      otherCompanyId: tie.otherCompanyId,
      ways: tie.ways,
      firstContact: firstContact(tie),
      lastContact: lastContact(tie),
    }))
    .sort((a, b) => (b.lastContact ?? '').localeCompare(a.lastContact ?? ''));
}
