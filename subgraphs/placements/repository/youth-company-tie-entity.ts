import type { Connection } from '#kernel/connection';
import type { ItemLoader } from '#kernel/entity-loader';
import type { ListingReader, PageRequest } from '#kernel/listing';
import type { Table } from '#kernel/table/table';
import {
  type CompanyCompanyTie,
  CompanyCompanyTieEntity,
  companyTiesPartition,
  companyYouthTiesPartition,
  municipalityPeerTiesPartition,
  municipalityTiesPartition,
  YOUTH_COMPANY_TIE_PREFIX,
  type YouthCompanyTie,
  YouthCompanyTieEntity,
  type YouthPeerTies,
  YouthPeerTiesEntity,
  youthCompanyTieKey,
} from '#kernel/ties';

/**
 * The placements subgraph's reads of youth–company ties (`#kernel/ties`): that a young person
 * and a company have met, which allows the company to invite them (meeting first, then the
 * invitation: `invitation-rules.ts`). Meetings at a matching event, wishes, invitations,
 * placements and the team's introductions add to a tie in their own transactions; a tie shows
 * the company nothing by itself (that is the youth–company link's, `youth-company-link-repository.ts`).
 */

/** A young person's tie to a company through the given loader; undefined when none exists. */
export function loadTie(
  loader: ItemLoader,
  youthId: string,
  companyId: string,
): Promise<YouthCompanyTie | undefined> {
  return YouthCompanyTieEntity.loadOne(loader, youthCompanyTieKey(youthId, companyId));
}

/** Every tie of a young person (one query of their item collection, small by design). */
export function readTiesOfYouth(table: Table, youthId: string): Promise<YouthCompanyTie[]> {
  return YouthCompanyTieEntity.readAll(table, {
    partition: youthCompanyTieKey(youthId, '').pk,
    beginsWith: YOUTH_COMPANY_TIE_PREFIX,
  });
}

/** A page of a company's ties to young people, by young person (one query of gsi3). */
export function listTiesOfCompany(
  reader: ListingReader,
  companyId: string,
  page: PageRequest,
): Promise<Connection<YouthCompanyTie>> {
  const partition = companyYouthTiesPartition(companyId);
  return YouthCompanyTieEntity.page(
    reader,
    { query: { index: 'gsi3', partition }, scope: partition },
    page,
  );
}

/** Every tie of a company to other companies (one query of its tie partition). */
export function readCompanyTiesOfCompany(
  table: Table,
  companyId: string,
): Promise<CompanyCompanyTie[]> {
  return CompanyCompanyTieEntity.readAll(table, { partition: companyTiesPartition(companyId) });
}

/**
 * Every tie of a municipality's young people (one query of gsi2, page by page): the tie figures'
 * one read per municipality, however many young people it has.
 */
export function readTiesOfMunicipality(
  table: Table,
  municipalityCode: string,
): Promise<YouthCompanyTie[]> {
  return YouthCompanyTieEntity.readAll(table, {
    index: 'gsi2',
    partition: municipalityTiesPartition(municipalityCode),
  });
}

/**
 * The ties of a municipality's young people to each other (written by the learning community
 * when they share a youth group: `sharedKeys.youthPeerTies`), one index query of gsi2.
 */
export function readPeerTiesOfMunicipality(
  table: Table,
  municipalityCode: string,
): Promise<YouthPeerTies[]> {
  return YouthPeerTiesEntity.readAll(table, {
    index: 'gsi2',
    partition: municipalityPeerTiesPartition(municipalityCode),
  });
}
