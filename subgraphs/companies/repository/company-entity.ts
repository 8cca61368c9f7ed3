import { defineEntity, type EntityListing } from '#kernel/entity';
import { type ItemKey, key, PREFIX } from '#kernel/keys';
import { sharedKeys } from '#kernel/shared-keys';
import type { Condition } from '#kernel/table/expressions';
import { type Company, type CompanyNetworkStatus, CompanySchema } from '../domain/company.ts';

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

/** A company of a municipality's network, stored as its value with its place in the list. */
export const CompanyEntity = defineEntity<Company>({
  name: 'Company',
  schema: CompanySchema,
  key: (company) => companyKey(company.id),
  indexes: {
    gsi1: (company) => ({
      pk: companiesPartition(company.municipalityCode),
      sk: companyListingKey(company),
    }),
  },
});

/**
 * The company's item still sorts where it did when read: a write decided on the company's place
 * in the list (where its children sort) checks this in its transaction, so that it cannot act
 * on a company that was renamed or changed status meanwhile.
 */
export function listedAt(company: Company): Condition {
  return {
    expression: '#listed = :listed',
    names: { '#listed': 'gsi1sk' },
    values: { ':listed': companyListingKey(company) },
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
): EntityListing {
  const partition = companiesPartition(municipalityCode);
  return {
    query: { index: 'gsi1', partition, ...(status ? { beginsWith: key(status, '') } : {}) },
    scope: key(partition, status ?? 'ALL'),
  };
}
