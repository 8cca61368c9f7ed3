import { type ItemKey, key, PREFIX } from '#kernel/keys';
import { sharedKeys } from '#kernel/shared-keys';
import { type Condition, itemMustExist, itemMustNotExist } from '#kernel/table/expressions';
import type { Item, QuerySpec, TransactAction } from '#kernel/table/table';
import type { Company } from '../domain/company.ts';
import { companyListingKey } from './company-entity.ts';

/**
 * A company's contact persons and opportunities on gsi3: in their municipality's partition
 * `MUNI#<code>#COMPANY#CHILDREN`, sorted under their company's place in the company list
 * (`<status>#<name>#<companyId>#CONTACT#<id>`). The children of one page of companies are then
 * one range of one partition, read in one query however long the page; read by key they took
 * a `BatchGetItem` per 100 keys (a page of 100 companies has 300–400 children). The place moves
 * with the company: a change of its name or status rewrites its children's sort keys in the
 * same transaction.
 *
 * The place is the company's, not the child's: it is not part of the child's entity (whose
 * value does not know its company's name or status), but added to the child's item by the
 * writes that create or move it, here.
 */
export type CompanyChildKind = 'CONTACT' | 'OPPORTUNITY';

/** One child of a company: which kind, which id. */
export interface CompanyChild {
  kind: CompanyChildKind;
  id: string;
}

/** A company's children as its item lists them, contact persons first. */
export function companyChildren(company: Company): CompanyChild[] {
  return [
    ...company.contactIds.map((id) => ({ kind: 'CONTACT' as const, id })),
    ...company.opportunityIds.map((id) => ({ kind: 'OPPORTUNITY' as const, id })),
  ];
}

/** A child's item key (the shared key other subgraphs read it by). */
export function companyChildKey({ kind, id }: CompanyChild): ItemKey {
  return kind === 'CONTACT' ? sharedKeys.contact(id) : sharedKeys.opportunity(id);
}

/** Partition of gsi3 that holds a municipality's companies' children. */
function childrenPartition(municipalityCode: string): string {
  return key(PREFIX.municipality, municipalityCode, PREFIX.company, 'CHILDREN');
}

/** The gsi3 keys of a contact person or an opportunity of a company. */
export function companyChildIndexKeys(
  company: Company,
  kind: CompanyChildKind,
  childId: string,
): { gsi3pk: string; gsi3sk: string } {
  return {
    gsi3pk: childrenPartition(company.municipalityCode),
    gsi3sk: key(companyListingKey(company), kind, childId),
  };
}

/**
 * The query of the children of a run of consecutive companies of one list: every sort key from
 * the first company's place to the last's.
 *
 * @param first - the run's first company in list order
 * @param last - the run's last company
 */
export function childrenOfCompanies(
  first: Company,
  last: Company,
): Omit<QuerySpec, 'limit' | 'startKey'> {
  return {
    index: 'gsi3',
    partition: childrenPartition(first.municipalityCode),
    between: [key(companyListingKey(first), ''), key(companyListingKey(last), '\uffff')],
  };
}

/**
 * The put of a company's new child (its item at the company's place), which must not exist yet.
 *
 * @param item - the child's item, with its place (`contactItem`, `opportunityItem`)
 */
export function newChild(item: Item): TransactAction {
  return { put: item, condition: itemMustNotExist };
}

/** Whether a change of a company moves it in its list, and its children with it. */
export function movesInList(before: Company, after: Company): boolean {
  return companyListingKey(before) !== companyListingKey(after);
}

/**
 * The update that moves one child of a company to the company's (new) place.
 *
 * @param company - the company as it is to be
 * @param kind - contact person or opportunity
 * @param childId - the child's id
 * @param condition - what must hold of the child; at least that it exists, so that the update
 *   never creates an item
 */
export function moveChild(
  company: Company,
  kind: CompanyChildKind,
  childId: string,
  condition: Condition = itemMustExist,
): TransactAction {
  return {
    update: companyChildKey({ kind, id: childId }),
    spec: { set: companyChildIndexKeys(company, kind, childId) },
    condition,
  };
}

/**
 * The updates that move every child of a company to its new place, but the opportunities the
 * caller writes itself.
 *
 * @param company - the company as it is to be
 * @param writtenOpportunityIds - opportunities already in the caller's transaction
 */
export function moveChildren(
  company: Company,
  writtenOpportunityIds: ReadonlySet<string> = new Set(),
): TransactAction[] {
  return companyChildren(company)
    .filter(({ kind, id }) => kind === 'CONTACT' || !writtenOpportunityIds.has(id))
    .map(({ kind, id }) => moveChild(company, kind, id));
}
