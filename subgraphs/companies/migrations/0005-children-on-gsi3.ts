import type { CursorKey } from '#kernel/cursor';
import type { Migration } from '#kernel/migrations/migration';
import {
  ConditionFailedError,
  type Item,
  type Table,
  TransactionConflictError,
} from '#kernel/table/table';
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

const PAGE = 25;
const ATTEMPTS = 5;
/** A transaction's 100 actions: the company's check and 99 children. */
const CHILDREN_PER_TRANSACTION = 99;

/** Whether a stored child sits at its company's place. */
function isPlaced(item: Item, company: Company, kind: CompanyChildKind, id: string): boolean {
  const place = companyChildIndexKeys(company, kind, id);
  return item.gsi3pk === place.gsi3pk && item.gsi3sk === place.gsi3sk;
}

/**
 * Puts one company's contact persons and opportunities at its place on gsi3, those that are not
 * there; how many it moved. Each move checks that the company still sorts where it was read, so
 * a rename meanwhile (which moves the children itself) is not undone: the company is read again
 * and compared afresh.
 */
async function placeChildrenOf(table: Table, read: Company): Promise<number> {
  let company: Company | undefined = read;
  for (let attempt = 1; company; attempt++) {
    const children = companyChildren(company);
    const items = await table.batchGet(children.map(companyChildKey));
    const owner = company;
    const toMove = children.filter(({ kind, id }, i) => {
      const item = items[i];
      return item !== undefined && !isPlaced(item, owner, kind, id);
    });
    try {
      for (let start = 0; start < toMove.length; start += CHILDREN_PER_TRANSACTION) {
        await table.transact([
          { check: companyKey(owner.id), condition: listedAt(owner) },
          ...toMove
            .slice(start, start + CHILDREN_PER_TRANSACTION)
            .map(({ kind, id }) => moveChild(owner, kind, id)),
        ]);
      }
      return toMove.length;
    } catch (error) {
      const retry =
        error instanceof ConditionFailedError || error instanceof TransactionConflictError;
      if (!retry || attempt >= ATTEMPTS) throw error;
    }
    company = await CompanyEntity.read(table, companyKey(read.id));
  }
  return 0;
}

/**
 * Company children on gsi3 (`npm run place-children` before): every company's contact persons
 * and opportunities put under their company in its municipality's list on gsi3
 * (`company-children-entity.ts`), where a page of companies reads them in one query. Items
 * stored before the index held them are read by key until then: right, only slower. Companies
 * are read a page at a time per municipality, the checkpoint saved after each page.
 */
export const placeCompanyChildrenOnGsi3: Migration = {
  id: '0005',
  description: 'companies: contact persons and opportunities placed under their company on gsi3',
  async run(table, checkpoint) {
    const from = checkpoint.resumeFrom;
    for (const code of (await listMunicipalityCodes(table)).sort()) {
      if (from && code < String(from.code)) continue;
      const { query } = companiesOfMunicipality(code, undefined);
      let startKey: CursorKey | undefined =
        from && code === String(from.code) && from.after
          ? (JSON.parse(String(from.after)) as CursorKey)
          : undefined;
      do {
        const page = await table.query({
          ...query,
          limit: PAGE,
          ...(startKey ? { startKey } : {}),
        });
        let moved = 0;
        for (const item of page.items)
          moved += await placeChildrenOf(table, CompanyEntity.fromItem(item));
        startKey = page.lastKey;
        await checkpoint.save({ code, after: startKey ? JSON.stringify(startKey) : '' }, moved);
      } while (startKey);
    }
  },
};
