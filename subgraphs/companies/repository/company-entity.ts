import { type ItemKey, key, PREFIX } from '#kernel/keys';
import type { Listing } from '#kernel/listing';
import { sharedKeys } from '#kernel/shared-keys';
import type { Condition } from '#kernel/table/expressions';
import type { Item } from '#kernel/table/table';
import type {
  Company,
  CompanyAddress,
  CompanyNetworkStatus,
  CompanyPause,
} from '../domain/company.ts';

/**
 * A company's item: `COMPANY#<id>` (the shared key other subgraphs read `municipalityCode`
 * and `status` from). On gsi1 it sits in its municipality's list, `MUNI#<code>#COMPANY`,
 * sorted by status, then name, then id, so a status filter is a key prefix.
 */
export function companyKey(companyId: string): ItemKey {
  return sharedKeys.company(companyId);
}

/** Partition of gsi1 that lists a municipality's companies. */
function companiesPartition(municipalityCode: string): string {
  return key(PREFIX.municipality, municipalityCode, PREFIX.company);
}

/** A name as it sorts in the list: case folded, so "alfa" and "Alfa" sort together. */
function nameSortKey(name: string): string {
  return name.normalize('NFC').toLocaleLowerCase('da');
}

/**
 * A company's place in its municipality's list: its gsi1 sort key. Its contacts and
 * opportunities sort under the same place on gsi3 (`company-children-entity.ts`).
 */
export function companyListingKey(company: Company): string {
  return key(company.status, nameSortKey(company.name), company.id);
}

/**
 * The company's item still sorts where it did when read: a write that places a child under the
 * company's place in the list checks this in its transaction, so that it cannot place the child
 * where the company no longer is.
 */
export function listedAt(company: Company): Condition {
  return {
    expression: '#listed = :listed',
    names: { '#listed': 'gsi1sk' },
    values: { ':listed': companyListingKey(company) },
  };
}

/** The stored item of a company, with the index keys of its listing. */
export function companyToItem(company: Company): Item {
  return {
    ...companyKey(company.id),
    entity: 'Company',
    gsi1pk: companiesPartition(company.municipalityCode),
    gsi1sk: companyListingKey(company),
    id: company.id,
    municipalityCode: company.municipalityCode,
    cvr: company.cvr,
    name: company.name,
    industry: company.industry,
    address: company.address,
    status: company.status,
    pause: company.pause,
    joinedOn: company.joinedOn,
    leftOn: company.leftOn,
    contactIds: company.contactIds,
    opportunityIds: company.opportunityIds,
    version: company.version,
  };
}

/** A company from its stored item. */
export function companyFromItem(item: Item): Company {
  const company: Company = {
    id: String(item.id),
    municipalityCode: String(item.municipalityCode),
    cvr: String(item.cvr),
    name: String(item.name),
    industry: String(item.industry),
    address: item.address as CompanyAddress,
    status: item.status as CompanyNetworkStatus,
    joinedOn: String(item.joinedOn),
    contactIds: (item.contactIds as string[] | undefined) ?? [],
    opportunityIds: (item.opportunityIds as string[] | undefined) ?? [],
    version: Number(item.version),
  };
  if (item.pause) company.pause = item.pause as CompanyPause;
  if (item.leftOn) company.leftOn = String(item.leftOn);
  return company;
}

/** Where a company's item sits in its municipality's list: what a cursor resumes from. */
export function companyPosition(item: Item): Record<string, string> {
  return {
    pk: item.pk,
    sk: item.sk,
    gsi1pk: String(item.gsi1pk),
    gsi1sk: String(item.gsi1sk),
  };
}

/**
 * The list of a municipality's companies, all or of one status. The scope names both, so a
 * cursor of Roskilde's active companies works nowhere else.
 *
 * @param municipalityCode - the municipality
 * @param status - only this status, or every status
 */
export function companiesOfMunicipality(
  municipalityCode: string,
  status: CompanyNetworkStatus | undefined,
): Listing {
  const partition = companiesPartition(municipalityCode);
  return {
    query: { index: 'gsi1', partition, ...(status ? { beginsWith: key(status, '') } : {}) },
    scope: key(partition, status ?? 'ALL'),
  };
}
