import * as z from 'zod';
import { defineEntity } from '#kernel/entity';
import type { ItemLoader } from '#kernel/entity-loader';
import { key, PREFIX } from '#kernel/keys';
import { sharedKeys, sharedListings } from '#kernel/shared-keys';
import { allOf, type Condition } from '#kernel/table/expressions';
import type { Item, Table, TransactAction } from '#kernel/table/table';

/**
 * Items other subgraphs own, as this subgraph may read them: read-only views declared as
 * entities over `sharedKeys`, holding only the attributes its TSDoc promises readers (the
 * schemas drop everything else). They are never written here; the checks at the end of this
 * file are what a placements transaction asks of them.
 */

/** What this subgraph may know of a young person. */
export const YouthFactsSchema = z.object({
  id: z.string(),
  municipalityCode: z.string(),
  status: z.string(),
  /** The job centre's benefit category (`ACTIVITY_READY`, `EDUCATION_READY`), if recorded. */
  benefitCategory: z.string().nullable(),
  /** ISO date of enrolment, when known. */
  enrolledAt: z.string().nullable(),
});

/** What this subgraph may know of a young person. */
export type YouthFacts = z.infer<typeof YouthFactsSchema>;

/** What this subgraph may know of a company. */
export const CompanyFactsSchema = z.object({
  id: z.string(),
  municipalityCode: z.string(),
  /** `ACTIVE`, `PAUSED` or `LEFT`. */
  status: z.string(),
  /** Its ordinary employees; null while the company has not told. */
  employees: z.number().nullable(),
});

/** What this subgraph may know of a company. */
export type CompanyFacts = z.infer<typeof CompanyFactsSchema>;

/** What this subgraph may know of a placement opportunity. */
export const OpportunityFactsSchema = z.object({
  id: z.string(),
  companyId: z.string(),
  municipalityCode: z.string(),
  open: z.boolean(),
  /** How many young people it takes at once. */
  places: z.number(),
});

/** What this subgraph may know of a placement opportunity. */
export type OpportunityFacts = z.infer<typeof OpportunityFactsSchema>;

/** What this subgraph may know of a company's contact person. */
export const ContactFactsSchema = z.object({ id: z.string(), companyId: z.string() });

/** What this subgraph may know of a company's contact person. */
export type ContactFacts = z.infer<typeof ContactFactsSchema>;

/** A municipality running NEXTWORK, as the people subgraph lists them. */
export const MunicipalityFactsSchema = z.object({ code: z.string() });

/** The id an item's partition names (`YOUTH#<id>`): readers rely on keys, not on `id`. */
const idOfPartition = (item: Item) => item.pk.slice(item.pk.indexOf('#') + 1);

/** A young person (owner: people). */
export const YouthFactsEntity = defineEntity<YouthFacts>({
  name: 'Youth',
  schema: YouthFactsSchema,
  key: (youth) => sharedKeys.youth(youth.id),
  decode: (item) => ({
    ...item,
    id: idOfPartition(item),
    status: String(item.status),
    benefitCategory: typeof item.benefitCategory === 'string' ? item.benefitCategory : null,
    enrolledAt: typeof item.enrolledAt === 'string' ? item.enrolledAt : null,
  }),
});

/** A company (owner: companies). */
export const CompanyFactsEntity = defineEntity<CompanyFacts>({
  name: 'Company',
  schema: CompanyFactsSchema,
  key: (company) => sharedKeys.company(company.id),
  decode: (item) => ({
    ...item,
    id: idOfPartition(item),
    status: String(item.status),
    employees: typeof item.employees === 'number' ? item.employees : null,
  }),
});

/** A placement opportunity (owner: companies). */
export const OpportunityFactsEntity = defineEntity<OpportunityFacts>({
  name: 'PlacementOpportunity',
  schema: OpportunityFactsSchema,
  key: (opportunity) => sharedKeys.opportunity(opportunity.id),
  decode: (item) => ({
    ...item,
    id: idOfPartition(item),
    open: item.open === true,
    places: Number(item.places ?? 0),
  }),
});

/** A company's contact person (owner: companies). */
export const ContactFactsEntity = defineEntity<ContactFacts>({
  name: 'CompanyContact',
  schema: ContactFactsSchema,
  key: (contact) => sharedKeys.contact(contact.id),
  decode: (item) => ({ ...item, id: idOfPartition(item) }),
});

/** The people subgraph's listing of the municipalities running NEXTWORK (gsi1, one partition). */
const MunicipalityFactsEntity = defineEntity<z.infer<typeof MunicipalityFactsSchema>>({
  name: 'Municipality',
  schema: MunicipalityFactsSchema,
  key: ({ code }) => sharedKeys.municipality(code),
});

/** Young people's facts by id through the request's loader; undefined where none exists. */
export function loadYouthFacts(
  loader: ItemLoader,
  ids: readonly string[],
): Promise<Array<YouthFacts | undefined>> {
  return YouthFactsEntity.load(loader, ids.map(sharedKeys.youth));
}

/** A young person's facts, strongly consistent (before a write that depends on them). */
export function loadOneYouthFacts(loader: ItemLoader, id: string): Promise<YouthFacts | undefined> {
  return YouthFactsEntity.loadOne(loader, sharedKeys.youth(id));
}

/** Companies' facts by id through the request's loader; undefined where none exists. */
export function loadCompanyFacts(
  loader: ItemLoader,
  ids: readonly string[],
): Promise<Array<CompanyFacts | undefined>> {
  return CompanyFactsEntity.load(loader, ids.map(sharedKeys.company));
}

/** An opportunity's facts; undefined when none exists. */
export function loadOpportunityFacts(
  loader: ItemLoader,
  id: string,
): Promise<OpportunityFacts | undefined> {
  return OpportunityFactsEntity.loadOne(loader, sharedKeys.opportunity(id));
}

/** A contact person's facts; undefined when none exists. */
export function loadContactFacts(
  loader: ItemLoader,
  id: string,
): Promise<ContactFacts | undefined> {
  return ContactFactsEntity.loadOne(loader, sharedKeys.contact(id));
}

/**
 * The codes of every municipality running NEXTWORK (the people subgraph's listing on gsi1, one
 * small partition).
 *
 * @param table - the table
 */
export async function listMunicipalityCodes(table: Table): Promise<string[]> {
  const municipalities = await MunicipalityFactsEntity.readAll(table, {
    index: 'gsi1',
    partition: 'MUNICIPALITIES',
  });
  return municipalities.map(({ code }) => code).sort();
}

/** A young person the figures count: living, or an erased one's stub. */
export interface CountedYouth {
  id: string;
  enrolledAt: string | null;
  erased: boolean;
}

/**
 * A municipality's young people for its figures (maintenance: the recount, the migrations):
 * those listed on the people subgraph's gsi1 and the stubs of those erased, whose placements,
 * wishes and feedback the figures still count. Reads whole partitions, never on a request path.
 *
 * @param table - the table
 * @param code - the municipality
 */
export async function listCountedYouth(table: Table, code: string): Promise<CountedYouth[]> {
  const [living, erased] = await Promise.all(
    [key(PREFIX.municipality, code, PREFIX.youth), sharedListings.erasedYouth(code)].map(
      (partition) => YouthFactsEntity.readAll(table, { index: 'gsi1', partition }),
    ),
  );
  const counted = (erased: boolean) => (youth: YouthFacts) => ({
    id: youth.id,
    enrolledAt: youth.enrolledAt,
    erased,
  });
  return [...(living ?? []).map(counted(false)), ...(erased ?? []).map(counted(true))];
}

const companyIsActive: Condition = {
  expression: '#status = :activeStatus',
  names: { '#status': 'status' },
  values: { ':activeStatus': 'ACTIVE' },
};

/** A check, in a placements transaction, that a company still takes part (`ACTIVE`). */
export function companyStillActive(companyId: string): TransactAction {
  return { check: sharedKeys.company(companyId), condition: companyIsActive };
}

/** The company still reports the ordinary employees read (or still none). */
function employeesAsRead(facts: CompanyFacts): Condition {
  return facts.employees === null
    ? { expression: 'attribute_not_exists(#employees)', names: { '#employees': 'employees' } }
    : {
        expression: '#employees = :employees',
        names: { '#employees': 'employees' },
        values: { ':employees': facts.employees },
      };
}

/**
 * A check, in a placements transaction, that a company still takes part (`ACTIVE`) and still
 * reports the ordinary employees its placement limit was computed from.
 *
 * @param facts - the company as read
 */
export function companyActiveWithEmployees(facts: CompanyFacts): TransactAction {
  return {
    check: sharedKeys.company(facts.id),
    condition: allOf(companyIsActive, employeesAsRead(facts)),
  };
}

/**
 * A check that a company still reports the ordinary employees a longer placement was checked
 * against (an extension).
 *
 * @param facts - the company as read
 */
export function companyEmployeesUnchanged(facts: CompanyFacts): TransactAction {
  return { check: sharedKeys.company(facts.id), condition: employeesAsRead(facts) };
}

/**
 * A check that an opportunity is still open, still the company's, and still offers the number
 * of places the occupancy check was made against.
 *
 * @param facts - the opportunity as read
 */
export function opportunityUnchangedAndOpen(facts: OpportunityFacts): TransactAction {
  return {
    check: sharedKeys.opportunity(facts.id),
    condition: {
      expression: '#open = :open AND #places = :places AND #companyId = :companyId',
      names: { '#open': 'open', '#places': 'places', '#companyId': 'companyId' },
      values: { ':open': true, ':places': facts.places, ':companyId': facts.companyId },
    },
  };
}

/**
 * A check that an opportunity still offers the number of places a longer period was checked
 * against (an extension).
 *
 * @param opportunityId - the opportunity
 * @param places - the places read
 */
export function opportunityPlacesUnchanged(opportunityId: string, places: number): TransactAction {
  return {
    check: sharedKeys.opportunity(opportunityId),
    condition: {
      expression: '#places = :places',
      names: { '#places': 'places' },
      values: { ':places': places },
    },
  };
}

/**
 * A check that an opportunity still belongs to the company and is open (a wish or an
 * invitation for it).
 *
 * @param opportunityId - the opportunity
 * @param companyId - the company it must belong to
 */
export function opportunityStillOpenAt(opportunityId: string, companyId: string): TransactAction {
  return {
    check: sharedKeys.opportunity(opportunityId),
    condition: {
      expression: '#open = :open AND #companyId = :companyId',
      names: { '#open': 'open', '#companyId': 'companyId' },
      values: { ':open': true, ':companyId': companyId },
    },
  };
}

/** A check that a contact person still belongs to the company. */
export function contactStillAt(contactId: string, companyId: string): TransactAction {
  return {
    check: sharedKeys.contact(contactId),
    condition: {
      expression: '#companyId = :companyId',
      names: { '#companyId': 'companyId' },
      values: { ':companyId': companyId },
    },
  };
}
