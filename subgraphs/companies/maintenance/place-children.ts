import type { ItemKey } from '#kernel/keys';
import type { Item, Table } from '#kernel/table/table';
import type { Company } from '../domain/company.ts';
import {
  type CompanyChildKind,
  companyChildIndexKeys,
  companyChildKey,
  companyChildren,
  moveChild,
} from '../repository/company-children-entity.ts';
import {
  CompanyEntity,
  companiesOfMunicipality,
  companyKey,
  listedAt,
} from '../repository/company-entity.ts';
import { listMunicipalityCodes } from '../repository/company-figures-repository.ts';

/** What placing the children found, and whether it put the misplaced ones right. */
export interface PlacementReport {
  childrenCompared: number;
  /** Children missing from their company's place on gsi3, or at a place it no longer has. */
  misplaced: ItemKey[];
  fixed: boolean;
}

/** Whether a stored child sits at its company's place. */
function isPlaced(item: Item, company: Company, kind: CompanyChildKind, id: string): boolean {
  const place = companyChildIndexKeys(company, kind, id);
  return item.gsi3pk === place.gsi3pk && item.gsi3sk === place.gsi3sk;
}

/**
 * Checks that every company's contact persons and opportunities sit at their company's place in
 * its municipality's list on gsi3 (`company-children-entity.ts`), as the writes keep them: for
 * items stored before the index held them. A listing is right without them (what the index
 * misses is read by key), only slower. With `fix`, each company's misplaced children are moved
 * in one transaction that also checks the company still sorts where it was read, so a rename
 * meanwhile is not undone. Maintenance only: it reads whole partitions.
 *
 * @param table - the table
 * @param options - `fix`: move the misplaced children
 */
export async function placeCompanyChildren(
  table: Table,
  options: { fix?: boolean } = {},
): Promise<PlacementReport> {
  const misplaced: ItemKey[] = [];
  let childrenCompared = 0;
  for (const code of await listMunicipalityCodes(table)) {
    const companies = await CompanyEntity.readAll(
      table,
      companiesOfMunicipality(code, undefined).query,
    );
    for (const company of companies) {
      const children = companyChildren(company);
      const items = await table.batchGet(children.map(companyChildKey));
      const toMove = children.filter(({ kind, id }, i) => {
        const item = items[i];
        return item !== undefined && !isPlaced(item, company, kind, id);
      });
      childrenCompared += items.filter((item) => item !== undefined).length;
      misplaced.push(...toMove.map(companyChildKey));
      if (options.fix && toMove.length > 0) {
        await table.transact([
          { check: companyKey(company.id), condition: listedAt(company) },
          ...toMove.map(({ kind, id }) => moveChild(company, kind, id)),
        ]);
      }
    }
  }
  return { childrenCompared, misplaced, fixed: options.fix === true && misplaced.length > 0 };
}
