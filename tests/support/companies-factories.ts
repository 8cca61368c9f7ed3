import { randomInt } from 'node:crypto';
import { type AttributeValue, ScanCommand } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { Company } from '#companies/domain/company';
import type { CompanyContact } from '#companies/domain/company-contact';
import type { CompanyProspect } from '#companies/domain/company-prospect-record';
import type { PlacementOpportunity } from '#companies/domain/placement-opportunity';
import { CompanyProspectEntity } from '#companies/repository/company-prospect-entity';
import { addCompanySnapshots, type CompanySnapshot } from '#companies/repository/company-snapshot';
import type { Table } from '#kernel/table/table';
import { fixtureId } from './fixture-id.ts';

const WEIGHTS = [2, 7, 6, 5, 4, 3, 2];

/** The check digit that makes seven digits a valid CVR number, or undefined when none does. */
function checkDigit(digits: string): number | undefined {
  const sum = [...digits].reduce((total, d, i) => total + Number(d) * (WEIGHTS[i] ?? 0), 0);
  const check = (11 - (sum % 11)) % 11;
  return check < 10 ? check : undefined;
}

let nextCvrBase = randomInt(1_000_000, 8_000_000);

/** A CVR number with a valid check digit, different on every call. */
export function aValidCvr(): string {
  for (;;) {
    const digits = String(nextCvrBase++);
    const check = checkDigit(digits);
    if (check !== undefined) return `${digits}${check}`;
  }
}

/** A CVR number of eight digits whose check digit is wrong. */
export function aCvrWithWrongCheckDigit(): string {
  const valid = aValidCvr();
  const wrong = (Number(valid.at(-1)) + 1) % 10;
  return `${valid.slice(0, 7)}${wrong}`;
}

// ---------------------------------------------------------------------------------------------
// Domain values
// ---------------------------------------------------------------------------------------------

/**
 * A valid company: active in Roskilde since 2025-03-01, with one contact person (by id) and no
 * opportunities. A paused company gets a pause, one that left a leaving date.
 *
 * @param overrides - any field
 */
export function aCompany(overrides: Partial<Company> = {}): Company {
  const id = overrides.id ?? fixtureId('c');
  const status = overrides.status ?? 'ACTIVE';
  return {
    id,
    municipalityCode: '265',
    cvr: aValidCvr(),
    name: `Firma ${id}`,
    industry: 'Byggeri',
    address: { street: 'Algade 12', postcode: '4000', town: 'Roskilde' },
    status,
    ...(status === 'PAUSED'
      ? { pause: { from: '2026-11-01', until: '2027-01-15', reason: 'Travl sæson' } }
      : {}),
    joinedOn: '2025-03-01',
    ...(status === 'LEFT' ? { leftOn: '2026-06-01' } : {}),
    contactIds: [fixtureId('ct')],
    opportunityIds: [],
    // Room for four young people at once (rimelighedskravet), so that tests of other rules
    // are not refused by the company's size.
    employees: 20,
    version: 1,
    ...overrides,
  };
}

/**
 * A valid contact person of a company.
 *
 * @param company - their company
 * @param overrides - any field
 */
export function aCompanyContact(
  company: Company,
  overrides: Partial<CompanyContact> = {},
): CompanyContact {
  return {
    id: fixtureId('ct'),
    companyId: company.id,
    municipalityCode: company.municipalityCode,
    name: 'Kontakt 1',
    role: 'Indehaver',
    phone: '+4520000000',
    email: 'kontakt1@firma.dk',
    ...overrides,
  };
}

/**
 * A valid placement opportunity of a company: open while the company is active.
 *
 * @param company - the company that offers it
 * @param overrides - any field
 */
export function anOpportunity(
  company: Company,
  overrides: Partial<PlacementOpportunity> = {},
): PlacementOpportunity {
  return {
    id: fixtureId('o'),
    companyId: company.id,
    municipalityCode: company.municipalityCode,
    title: 'Praktik 1',
    description: 'Tre måneders praktik med mentor.',
    trade: 'Tømrer',
    weeklyHours: 30,
    places: 2,
    open: company.status === 'ACTIVE',
    version: 1,
    ...overrides,
  };
}

// ---------------------------------------------------------------------------------------------
// Stored
// ---------------------------------------------------------------------------------------------

/** How a stored company should look: any field, and its children; sensible defaults. */
export interface CompanyFixture extends Partial<Omit<Company, 'contactIds' | 'opportunityIds'>> {
  /** How many contact persons (`Kontakt 1`, …; the first the owner, the others masters). */
  contacts?: number;
  /**
   * One entry per opportunity (`Praktik 1`, …): its fields. An opportunity is open only while
   * the company is active. One open opportunity when left out.
   */
  opportunities?: Array<Partial<PlacementOpportunity>>;
}

/**
 * A company stored through its entities as the mutations would have stored it — with its
 * contact persons and opportunities, its CVR reservation and its municipality's counts — and
 * returned with the children stored beside it.
 *
 * @param table - the test's table
 * @param fixture - the company's fields and children
 */
export async function givenCompany(
  table: Table,
  fixture: CompanyFixture = {},
): Promise<CompanySnapshot> {
  const { contacts: contactCount = 1, opportunities: specs = [{}], ...fields } = fixture;
  const shell = aCompany(fields);
  const contacts = Array.from({ length: contactCount }, (_, i) =>
    aCompanyContact(shell, {
      // The first is the contact `companyContactIdentity(companyId)` names by default: a
      // token is honoured only while its contact belongs to the company (`current-contact.ts`).
      ...(i === 0 ? { id: `${shell.id}-contact` } : {}),
      name: `Kontakt ${i + 1}`,
      role: i === 0 ? 'Indehaver' : 'Mester',
      phone: `+452000000${i}`,
      email: `kontakt${i + 1}@firma.dk`,
    }),
  );
  const opportunities = specs.map((spec, i) =>
    anOpportunity(shell, {
      title: `Praktik ${i + 1}`,
      ...spec,
      open: (spec.open ?? true) && shell.status === 'ACTIVE',
    }),
  );
  const company: Company = {
    ...shell,
    contactIds: contacts.map((contact) => contact.id),
    opportunityIds: opportunities.map((opportunity) => opportunity.id),
  };
  const snapshot = { company, contacts, opportunities };
  await addCompanySnapshots(table, [snapshot]);
  return snapshot;
}

/** A prospect of Roskilde's pipeline, added 2026-11-20 with no steps. */
export function aProspect(overrides: Partial<CompanyProspect> = {}): CompanyProspect {
  return {
    id: fixtureId('prospect'),
    municipalityCode: '265',
    name: 'Bageriet Ved Domen',
    status: 'PROSPECT',
    addedOn: '2026-11-20',
    steps: [],
    contactName: 'Lone Bager',
    contactPhone: '+4520304051',
    version: 1,
    ...overrides,
  };
}

/** A prospect stored as the commands store it. */
export async function givenProspect(
  table: Table,
  overrides: Partial<CompanyProspect> = {},
): Promise<CompanyProspect> {
  const prospect = aProspect(overrides);
  await table.put(CompanyProspectEntity.toItem(prospect));
  return prospect;
}

/** The first contact person of a stored company. */
export function firstContact(snapshot: CompanySnapshot): CompanyContact {
  const [contact] = snapshot.contacts;
  if (!contact) throw new Error('The fixture company has no contact');
  return contact;
}

/** The first opportunity of a stored company. */
export function firstOpportunity(snapshot: CompanySnapshot): PlacementOpportunity {
  const [opportunity] = snapshot.opportunities;
  if (!opportunity) throw new Error('The fixture company has no opportunity');
  return opportunity;
}

// ---------------------------------------------------------------------------------------------
// Mutation inputs
// ---------------------------------------------------------------------------------------------

/** What a person enters about a contact person (`CompanyContactInput`). */
export function companyContactInput(overrides: Partial<Record<string, unknown>> = {}) {
  return {
    name: 'Mette Hansen',
    role: 'Indehaver',
    phone: '+45 20 30 40 50',
    email: 'mette@tomrer.dk',
    ...overrides,
  };
}

/** A valid `joinNetwork` input for a municipality. */
export function joinNetworkInput(
  municipalityCode: string,
  overrides: Partial<Record<string, unknown>> = {},
) {
  return {
    municipalityCode,
    cvr: aValidCvr(),
    name: 'Roskilde Tømrerfirma ApS',
    industry: 'Byggeri',
    address: { street: 'Algade 12', postcode: '4000', town: 'Roskilde' },
    contacts: [companyContactInput()],
    ...overrides,
  };
}

/** A valid `addCompanyProspect` input for a municipality. */
export function addCompanyProspectInput(
  municipalityCode: string,
  overrides: Partial<Record<string, unknown>> = {},
) {
  return {
    municipalityCode,
    name: 'Bageriet Ved Domen',
    sector: 'Fødevarer',
    contactName: 'Lone Bager',
    contactPhone: '20 30 40 51',
    ...overrides,
  };
}

/** A valid `recordCompanyOutreach` input: a step on a prospect at its version. */
export function recordCompanyOutreachInput(
  prospect: { id: string; version: number },
  kind: 'FIRST_CONTACT' | 'MEETING' | 'DECLINED',
  on: string,
  overrides: Partial<Record<string, unknown>> = {},
) {
  return { prospectId: prospect.id, kind, on, expectedVersion: prospect.version, ...overrides };
}

/** A valid `updateCompany` input: a new industry, at the company's version. */
export function updateCompanyInput(
  company: Company,
  overrides: Partial<Record<string, unknown>> = {},
) {
  return {
    companyId: company.id,
    industry: 'Håndværk',
    expectedVersion: company.version,
    ...overrides,
  };
}

/** A valid `addCompanyContact` input for a company. */
export function addCompanyContactInput(
  companyId: string,
  overrides: Partial<Record<string, unknown>> = {},
) {
  return { companyId, contact: companyContactInput(), ...overrides };
}

/** A valid `removeCompanyContact` input: the contact person, at their company's version. */
export function removeCompanyContactInput(contactId: string | undefined, company: Company) {
  return { contactId, expectedVersion: company.version };
}

/** A valid `pauseCompany` input: from today to mid-January, at the company's version. */
export function pauseCompanyInput(
  company: Company,
  overrides: Partial<Record<string, unknown>> = {},
) {
  return {
    companyId: company.id,
    from: '2026-11-26',
    until: '2027-01-15',
    reason: 'Travl sæson',
    expectedVersion: company.version,
    ...overrides,
  };
}

/** A valid `resumeCompany` or `leaveNetwork` input: the company at its version. */
export function companyStatusInput(company: Pick<Company, 'id' | 'version'>) {
  return { companyId: company.id, expectedVersion: company.version };
}

/** A valid `addOpportunity` input for a company. */
export function addOpportunityInput(
  companyId: string,
  overrides: Partial<Record<string, unknown>> = {},
) {
  return {
    companyId,
    title: 'Praktik som tømrer',
    description: 'Tre måneder på byggepladsen med en fast mentor.',
    trade: 'Tømrer',
    weeklyHours: 30,
    places: 2,
    ...overrides,
  };
}

/** A valid `updateOpportunity` input: more places, at the opportunity's version. */
export function updateOpportunityInput(
  opportunity: Pick<PlacementOpportunity, 'id' | 'version'>,
  overrides: Partial<Record<string, unknown>> = {},
) {
  return {
    opportunityId: opportunity.id,
    places: 3,
    expectedVersion: opportunity.version,
    ...overrides,
  };
}

/** A valid `openOpportunity` or `closeOpportunity` input: the opportunity at its version. */
export function opportunityStateInput(
  opportunity: Pick<PlacementOpportunity, 'id' | 'version'> | undefined,
) {
  return { opportunityId: opportunity?.id, expectedVersion: opportunity?.version };
}

// ---------------------------------------------------------------------------------------------
// Reading back
// ---------------------------------------------------------------------------------------------

/**
 * Every item of the table, sorted, for asserting that a refused mutation wrote nothing. Tests
 * may scan their own small table; request paths never do.
 */
export async function everyItem(table: Table): Promise<Array<Record<string, unknown>>> {
  const items: Array<Record<string, unknown>> = [];
  let startKey: Record<string, AttributeValue> | undefined;
  do {
    const page = await table.client.send(
      new ScanCommand({ TableName: table.name, ConsistentRead: true, ExclusiveStartKey: startKey }),
    );
    items.push(...(page.Items ?? []).map((item) => unmarshall(item)));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return items.sort((a, b) => `${a.pk}\u0000${a.sk}`.localeCompare(`${b.pk}\u0000${b.sk}`));
}
