import * as z from 'zod';
import { defineEntity } from '#kernel/entity';
import type { ItemLoader } from '#kernel/entity-loader';
import type { ItemKey } from '#kernel/keys';
import { sharedKeys } from '#kernel/shared-keys';
import { itemMustExist } from '#kernel/table/expressions';
import type { Item, TransactAction } from '#kernel/table/table';
import { EntityIdSchema, MunicipalityCodeSchema } from '#kernel/validation';

/**
 * Reads of items other subgraphs own, through `sharedKeys` and only the attributes its TSDoc
 * names as the contract: a young person's, a company's and a staff member's
 * `municipalityCode`, a staff member's `role`, a contact person's `companyId`, a placement's
 * `youthId`, `municipalityCode`, `companyId` and `status`, a municipality's existence. Each is a
 * read-only view declared as an entity (this subgraph never writes them), so a view is
 * zod-checked like any item of ours. All reads go through the request's loader, so checking a
 * list costs one batch.
 */

/** The id in a shared item's partition key (`YOUTH#<id>`): the contract names no id attribute. */
function idOfKey(item: Item): string {
  return item.pk.slice(item.pk.indexOf('#') + 1);
}

/** What this subgraph may know about a young person. */
export const SharedYouthSchema = z.object({
  id: EntityIdSchema,
  municipalityCode: MunicipalityCodeSchema,
});

/** What this subgraph may know about a young person. */
export type SharedYouth = z.infer<typeof SharedYouthSchema>;

/** What this subgraph may know about a staff member. */
export const SharedStaffSchema = z.object({
  id: EntityIdSchema,
  municipalityCode: MunicipalityCodeSchema,
  role: z.string(),
});

/** What this subgraph may know about a staff member. */
export type SharedStaff = z.infer<typeof SharedStaffSchema>;

/** What this subgraph may know about a company. */
export const SharedCompanySchema = z.object({
  id: EntityIdSchema,
  municipalityCode: MunicipalityCodeSchema,
});

/** What this subgraph may know about a company. */
export type SharedCompany = z.infer<typeof SharedCompanySchema>;

/** What this subgraph may know about a contact person: their company. */
export const SharedContactSchema = z.object({ id: EntityIdSchema, companyId: EntityIdSchema });

/** A contact person's company, and that company's municipality when the company exists. */
export interface SharedContact {
  companyId: string;
  municipalityCode?: string;
}

/**
 * What this subgraph may know about a placement: whose it is, where it belongs, at which
 * company and where it stands (`PLANNED`, `ACTIVE`, `EXTENDED`, `COMPLETED`, `INTERRUPTED`).
 */
export const SharedPlacementSchema = z.object({
  id: EntityIdSchema,
  youthId: EntityIdSchema,
  municipalityCode: MunicipalityCodeSchema,
  companyId: EntityIdSchema,
  status: z.string(),
});

/** What this subgraph may know about a placement. */
export type SharedPlacement = z.infer<typeof SharedPlacementSchema>;

/** A young person's item (owner: people), read only. */
const SharedYouthView = defineEntity<SharedYouth>({
  name: 'Youth',
  schema: SharedYouthSchema,
  key: (youth) => sharedKeys.youth(youth.id),
  decode: (item) => ({ id: idOfKey(item), municipalityCode: item.municipalityCode }),
});

/** A staff member's item (owner: people), read only. */
const SharedStaffView = defineEntity<SharedStaff>({
  name: 'StaffMember',
  schema: SharedStaffSchema,
  key: (staff) => sharedKeys.staff(staff.id),
  decode: (item) => ({
    id: idOfKey(item),
    municipalityCode: item.municipalityCode,
    role: item.role,
  }),
});

/** A company's item (owner: companies), read only. */
const SharedCompanyView = defineEntity<SharedCompany>({
  name: 'Company',
  schema: SharedCompanySchema,
  key: (company) => sharedKeys.company(company.id),
  decode: (item) => ({ id: idOfKey(item), municipalityCode: item.municipalityCode }),
});

/** A contact person's item (owner: companies), read only. */
const SharedContactView = defineEntity<z.infer<typeof SharedContactSchema>>({
  name: 'CompanyContact',
  schema: SharedContactSchema,
  key: (contact) => sharedKeys.contact(contact.id),
  decode: (item) => ({ id: idOfKey(item), companyId: item.companyId }),
});

/** A placement's item (owner: placements), read only. */
const SharedPlacementView = defineEntity<SharedPlacement>({
  name: 'Placement',
  schema: SharedPlacementSchema,
  key: (placement) => sharedKeys.placement(placement.id),
  decode: (item) => ({
    id: idOfKey(item),
    youthId: item.youthId,
    municipalityCode: item.municipalityCode,
    companyId: item.companyId,
    status: item.status,
  }),
});

/** A municipality running NEXTWORK (owner: people), read only: its existence is the fact. */
const SharedMunicipalityView = defineEntity<{ code: string }>({
  name: 'Municipality',
  schema: z.object({ code: MunicipalityCodeSchema }),
  key: (municipality) => sharedKeys.municipality(municipality.code),
  decode: (item) => ({ code: idOfKey(item) }),
});

const keysOf = (ids: readonly string[], keyOf: (id: string) => ItemKey) => ids.map(keyOf);

/** Young people by id; undefined where no young person exists. */
export function loadSharedYouth(
  loader: ItemLoader,
  youthIds: readonly string[],
): Promise<Array<SharedYouth | undefined>> {
  return SharedYouthView.load(loader, keysOf(youthIds, sharedKeys.youth));
}

/** Staff members' municipality and role by id; undefined where none exists. */
export function loadSharedStaff(
  loader: ItemLoader,
  staffIds: readonly string[],
): Promise<Array<SharedStaff | undefined>> {
  return SharedStaffView.load(loader, keysOf(staffIds, sharedKeys.staff));
}

/** Companies' municipalities by id; undefined where no company exists. */
export function loadSharedCompanies(
  loader: ItemLoader,
  companyIds: readonly string[],
): Promise<Array<SharedCompany | undefined>> {
  return SharedCompanyView.load(loader, keysOf(companyIds, sharedKeys.company));
}

/**
 * Contact persons' companies, and those companies' municipalities, by contact id (two batched
 * reads for any number of contacts); undefined where no contact exists.
 */
export async function loadSharedContacts(
  loader: ItemLoader,
  contactIds: readonly string[],
): Promise<Array<SharedContact | undefined>> {
  const contacts = await SharedContactView.load(loader, keysOf(contactIds, sharedKeys.contact));
  const known = [...new Set(contacts.flatMap((contact) => (contact ? [contact.companyId] : [])))];
  const companies = await loadSharedCompanies(loader, known);
  const municipalityOf = new Map(known.map((id, i) => [id, companies[i]?.municipalityCode]));
  return contacts.map((contact) => {
    if (!contact) return undefined;
    const municipalityCode = municipalityOf.get(contact.companyId);
    return municipalityCode
      ? { companyId: contact.companyId, municipalityCode }
      : { companyId: contact.companyId };
  });
}

/** A placement's young person, municipality, company and status by id; undefined where no placement exists. */
export async function loadSharedPlacement(
  loader: ItemLoader,
  placementId: string,
): Promise<SharedPlacement | undefined> {
  const [placement] = await SharedPlacementView.load(loader, [sharedKeys.placement(placementId)]);
  return placement;
}

/** Whether a municipality runs NEXTWORK (the people subgraph keeps an item for each). */
export async function municipalityRunsProgramme(
  loader: ItemLoader,
  code: string,
): Promise<boolean> {
  const [municipality] = await SharedMunicipalityView.load(loader, [sharedKeys.municipality(code)]);
  return municipality !== undefined;
}

/**
 * The transaction's check that a municipality is still in the programme (its people-owned item
 * exists), staged with a write that depends on it.
 *
 * @param code - the municipality
 */
export function municipalityStillInProgramme(code: string): TransactAction {
  return { check: sharedKeys.municipality(code), condition: itemMustExist };
}
