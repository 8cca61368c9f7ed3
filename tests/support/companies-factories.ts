import { randomInt } from 'node:crypto';
import { type AttributeValue, ScanCommand } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { Company, CompanyNetworkStatus } from '#companies/domain/company';
import type { CompanyContact } from '#companies/domain/company-contact';
import type { PlacementOpportunity } from '#companies/domain/placement-opportunity';
import { addCompanySnapshots, type CompanySnapshot } from '#companies/repository/company-snapshot';
import { newId } from '#kernel/keys';
import type { Table } from '#kernel/table/table';

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

/** What a person enters about a contact person. */
export function contactInput(overrides: Partial<Record<string, unknown>> = {}) {
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
    contacts: [contactInput()],
    ...overrides,
  };
}

/** A valid `addOpportunity` input for a company. */
export function opportunityInput(
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

/** How a fixture company should look; everything has a sensible default. */
export interface CompanyFixture {
  municipalityCode?: string;
  status?: CompanyNetworkStatus;
  name?: string;
  contacts?: number;
  /** One entry per opportunity: its trade and whether it is open (open only when ACTIVE). */
  opportunities?: Array<{ trade?: string; open?: boolean }>;
}

/** A company with contacts and opportunities, as the subgraph would store it (not written). */
export function aCompany(fixture: CompanyFixture = {}): CompanySnapshot {
  const municipalityCode = fixture.municipalityCode ?? '265';
  const status = fixture.status ?? 'ACTIVE';
  const id = `c-${newId()}`;
  const contacts: CompanyContact[] = Array.from({ length: fixture.contacts ?? 1 }, (_, i) => ({
    id: `ct-${newId()}`,
    companyId: id,
    municipalityCode,
    name: `Kontakt ${i + 1}`,
    role: i === 0 ? 'Indehaver' : 'Mester',
    phone: `+452000000${i}`,
    email: `kontakt${i + 1}@firma.dk`,
  }));
  const opportunities: PlacementOpportunity[] = (fixture.opportunities ?? [{}]).map((spec, i) => ({
    id: `o-${newId()}`,
    companyId: id,
    municipalityCode,
    title: `Praktik ${i + 1}`,
    description: 'Tre måneders praktik med mentor.',
    trade: spec.trade ?? 'Tømrer',
    weeklyHours: 30,
    places: 2,
    open: (spec.open ?? true) && status === 'ACTIVE',
    version: 1,
  }));
  const company: Company = {
    id,
    municipalityCode,
    cvr: aValidCvr(),
    name: fixture.name ?? `Firma ${id}`,
    industry: 'Byggeri',
    address: { street: 'Algade 12', postcode: '4000', town: 'Roskilde' },
    status,
    ...(status === 'PAUSED'
      ? { pause: { from: '2026-11-01', until: '2027-01-15', reason: 'Travl sæson' } }
      : {}),
    joinedOn: '2025-03-01',
    ...(status === 'LEFT' ? { leftOn: '2026-06-01' } : {}),
    contactIds: contacts.map((contact) => contact.id),
    opportunityIds: opportunities.map((opportunity) => opportunity.id),
    version: 1,
  };
  return { company, contacts, opportunities };
}

/** Writes a fixture company to the table (counts included) and returns it. */
export async function givenCompany(
  table: Table,
  fixture: CompanyFixture = {},
): Promise<CompanySnapshot> {
  const snapshot = aCompany(fixture);
  await addCompanySnapshots(table, [snapshot]);
  return snapshot;
}

/** The first contact person of a fixture company. */
export function firstContact(snapshot: CompanySnapshot): CompanyContact {
  const [contact] = snapshot.contacts;
  if (!contact) throw new Error('The fixture company has no contact');
  return contact;
}

/** The first opportunity of a fixture company. */
export function firstOpportunity(snapshot: CompanySnapshot): PlacementOpportunity {
  const [opportunity] = snapshot.opportunities;
  if (!opportunity) throw new Error('The fixture company has no opportunity');
  return opportunity;
}

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
