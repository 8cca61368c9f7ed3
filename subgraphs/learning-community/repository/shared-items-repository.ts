import type { ItemLoader } from '#kernel/entity-loader';
import { sharedKeys } from '#kernel/shared-keys';
import type { Item } from '#kernel/table/table';

/**
 * Reads of items other subgraphs own, through `sharedKeys` and only the attributes its TSDoc
 * names as the contract: a young person's, a company's and a staff member's
 * `municipalityCode`, a staff member's `role`, a contact person's `companyId`. All reads go
 * through the request's loader, so checking a list costs one batch.
 */

/** What this subgraph may know about a young person. */
export interface SharedYouth {
  municipalityCode: string;
}

/** What this subgraph may know about a staff member. */
export interface SharedStaff {
  municipalityCode: string;
  role: string;
}

/** What this subgraph may know about a contact person: their company, and its municipality. */
export interface SharedContact {
  companyId: string;
  municipalityCode?: string;
}

function unwrap(result: Item | Error | undefined): Item | undefined {
  if (result instanceof Error) throw result;
  return result;
}

/** Young people's municipalities by id; undefined where no young person exists. */
export async function loadSharedYouth(
  loader: ItemLoader,
  youthIds: readonly string[],
): Promise<Array<SharedYouth | undefined>> {
  const items = await loader.loadMany(youthIds.map(sharedKeys.youth));
  return items.map((result) => {
    const item = unwrap(result);
    return item ? { municipalityCode: String(item.municipalityCode) } : undefined;
  });
}

/** Staff members' municipality and role by id; undefined where none exists. */
export async function loadSharedStaff(
  loader: ItemLoader,
  staffIds: readonly string[],
): Promise<Array<SharedStaff | undefined>> {
  const items = await loader.loadMany(staffIds.map(sharedKeys.staff));
  return items.map((result) => {
    const item = unwrap(result);
    return item
      ? { municipalityCode: String(item.municipalityCode), role: String(item.role) }
      : undefined;
  });
}

/** Companies' municipalities by id; undefined where no company exists. */
export async function loadSharedCompanies(
  loader: ItemLoader,
  companyIds: readonly string[],
): Promise<Array<{ municipalityCode: string } | undefined>> {
  const items = await loader.loadMany(companyIds.map(sharedKeys.company));
  return items.map((result) => {
    const item = unwrap(result);
    return item ? { municipalityCode: String(item.municipalityCode) } : undefined;
  });
}

/**
 * Contact persons' companies, and those companies' municipalities, by contact id (two batched
 * reads for any number of contacts); undefined where no contact exists.
 */
export async function loadSharedContacts(
  loader: ItemLoader,
  contactIds: readonly string[],
): Promise<Array<SharedContact | undefined>> {
  const contacts = (await loader.loadMany(contactIds.map(sharedKeys.contact))).map(unwrap);
  const companyIds = contacts.map((item) => (item ? String(item.companyId) : undefined));
  const known = [...new Set(companyIds.filter((id): id is string => id !== undefined))];
  const companies = await loadSharedCompanies(loader, known);
  const municipalityOf = new Map(known.map((id, i) => [id, companies[i]?.municipalityCode]));
  return companyIds.map((companyId) => {
    if (!companyId) return undefined;
    const municipalityCode = municipalityOf.get(companyId);
    return municipalityCode ? { companyId, municipalityCode } : { companyId };
  });
}
