import type { Identity } from '#kernel/identity';
import { sharedKeys } from '#kernel/shared-keys';
import type { Table } from '#kernel/table/table';
import type { StaffMember } from '#people/domain/staff';
import { NO_CONSENT, type Youth, type YouthStatus } from '#people/domain/youth';
import { saveMunicipalities } from '#people/repository/municipality-repository';
import { youthCompanyLinkItem } from '#people/repository/shared-items';
import { saveStaff } from '#people/repository/staff-repository';
import { saveEnrolment } from '#people/repository/youth-repository';
import { prepareYouthStatusChange } from '#people/repository/youth-status-transition';

/**
 * Small factories of the people subgraph's records for tests. Young people are written through
 * the repository's own enrolment and status change, so counters and history agree with them.
 */

/** Roskilde and København, the municipalities most tests use. */
export const ROSKILDE = '265';
/** København's municipality code. */
export const KOBENHAVN = '101';

let sequence = 0;

/** A unique id for a fixture. */
export function peopleFixtureId(prefix: string): string {
  sequence += 1;
  return `${prefix}-${sequence}`;
}

/** Registers Roskilde and København. */
export async function givenMunicipalities(table: Table): Promise<void> {
  await saveMunicipalities(table, [
    { code: ROSKILDE, name: 'Roskilde' },
    { code: KOBENHAVN, name: 'København' },
  ]);
}

/** A staff member, a network consultant of Roskilde unless told otherwise. */
export function staffMember(overrides: Partial<StaffMember> = {}): StaffMember {
  const id = overrides.id ?? peopleFixtureId('s');
  return {
    id,
    municipalityCode: ROSKILDE,
    name: `Medarbejder ${id}`,
    role: 'NETWORK_CONSULTANT',
    phone: '+4522334455',
    email: `${id}@roskilde.dk`,
    ...overrides,
  };
}

/** Stores staff members. */
export async function givenStaff(table: Table, ...staff: StaffMember[]): Promise<StaffMember[]> {
  await saveStaff(table, staff);
  return staff;
}

/**
 * A team of a municipality as the identities of `tests/support/identities.ts` name them:
 * `staff-<code>-1` a network consultant, plus a team leader, a second consultant, an
 * entrepreneur and a psychologist.
 */
export async function givenTeam(table: Table, municipalityCode: string) {
  const team = {
    consultant: staffMember({ id: `staff-${municipalityCode}-1`, municipalityCode }),
    leader: staffMember({
      id: `staff-${municipalityCode}-leader`,
      municipalityCode,
      role: 'TEAM_LEADER',
    }),
    secondConsultant: staffMember({ id: `staff-${municipalityCode}-2`, municipalityCode }),
    entrepreneur: staffMember({
      id: `staff-${municipalityCode}-entrepreneur`,
      municipalityCode,
      role: 'ENTREPRENEUR',
    }),
    psychologist: staffMember({
      id: `staff-${municipalityCode}-psychologist`,
      municipalityCode,
      role: 'PSYCHOLOGIST',
    }),
  };
  await givenStaff(table, ...Object.values(team));
  return team;
}

/** A young person of Roskilde, enrolled on 2026-01-05, unless told otherwise. */
export function youth(overrides: Partial<Youth> = {}): Youth {
  const enrolledAt = overrides.enrolledAt ?? '2026-01-05';
  return {
    id: overrides.id ?? peopleFixtureId('y'),
    municipalityCode: ROSKILDE,
    name: 'Ida Jensen',
    dateOfBirth: '2004-03-14',
    phone: '+4512345678',
    email: 'ida@example.dk',
    enrolledAt,
    status: 'ENROLLED',
    statusChangedAt: enrolledAt,
    statusChanges: 1,
    consultantId: null,
    interests: ['Musik'],
    workWishes: ['Tømrer', 'Kok'],
    benefitCategory: 'ACTIVITY_READY',
    barriers: ['Ordblindhed'],
    researchConsent: NO_CONSENT,
    version: 1,
    ...overrides,
  };
}

/**
 * Enrols a young person and moves them through the given statuses (one change a week after
 * enrolment each), as the subgraph itself would.
 *
 * @param table - the test table
 * @param overrides - the young person's attributes
 * @param path - the statuses to move through after `ENROLLED`
 */
export async function givenYouth(
  table: Table,
  overrides: Partial<Youth> = {},
  path: YouthStatus[] = [],
): Promise<Youth> {
  const enrolled = youth({ ...overrides, status: 'ENROLLED' });
  await saveEnrolment(table, enrolled, 'Indskrevet i NEXTWORK');
  let date = enrolled.enrolledAt;
  for (const status of path) {
    date = nextWeek(date);
    await table.transact(
      await prepareYouthStatusChange(table, { youthId: enrolled.id, status, date, reason: 'Test' }),
    );
  }
  return {
    ...enrolled,
    status: path.at(-1) ?? 'ENROLLED',
    statusChangedAt: date,
    statusChanges: 1 + path.length,
    version: 1 + path.length,
  };
}

function nextWeek(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 7);
  return d.toISOString().slice(0, 10);
}

/**
 * A company of a municipality's network and its contact persons (by default the one
 * `companyContactIdentity(companyId)` names), with only the attributes `sharedKeys` promises.
 */
export async function givenCompany(
  table: Table,
  companyId: string,
  municipalityCode: string,
  contactIds: string[] = [`contact-${companyId}`],
): Promise<void> {
  await table.putMany([
    {
      ...sharedKeys.company(companyId),
      entity: 'Company',
      id: companyId,
      municipalityCode,
      status: 'ACTIVE',
    },
    ...contactIds.map((contactId) => ({
      ...sharedKeys.contact(contactId),
      entity: 'CompanyContact',
      id: contactId,
      companyId,
    })),
  ]);
}

/** A youth–company link as the placements subgraph writes it for a placement. */
export async function givenLink(table: Table, youthId: string, companyId: string): Promise<void> {
  await table.put(youthCompanyLinkItem(youthId, companyId, [`PLACEMENT#p-${youthId}`]));
}

/** A data protection officer of a municipality. */
export function dataProtectionOfficerIdentity(municipalityCode: string): Identity {
  return {
    role: 'DATA_PROTECTION_OFFICER',
    subject: `sub-dpo-${municipalityCode}`,
    municipalityCode,
  };
}
