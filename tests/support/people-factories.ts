import { commitSystemWork } from '#kernel/command';
import type { Identity } from '#kernel/identity';
import { logger } from '#kernel/logger';
import { sharedKeys } from '#kernel/shared-keys';
import type { Table } from '#kernel/table/table';
import { UnitOfWork } from '#kernel/unit-of-work';
import { stageEnrolment } from '#people/domain/enrol-youth';
import type { StaffMember } from '#people/domain/staff';
import type { SupportNote } from '#people/domain/support-note';
import { NO_CONSENT, type Youth, type YouthStatus } from '#people/domain/youth';
import { prepareYouthStatusChange } from '#people/published/youth-status';
import { saveMunicipalities } from '#people/repository/municipality-repository';
import { youthCompanyLinkItem } from '#people/repository/shared-items';
import { saveStaff } from '#people/repository/staff-repository';
import { SupportNoteEntity } from '#people/repository/support-note-entity';
import { fixtureId } from './fixture-id.ts';

/**
 * The people subgraph's fixtures, by the convention of `tests/README.md`: `a<Thing>()` a domain
 * value, `given<Thing>(table)` the value stored through its entity (with what people keeps
 * beside it: history, counters), `<mutation>Input()` a valid mutation input.
 */

/** Roskilde's municipality code: the municipality most tests use. */
export const ROSKILDE = '265';
/** København's municipality code. */
export const KOBENHAVN = '101';

/** Registers Roskilde and København. */
export async function givenMunicipalities(table: Table): Promise<void> {
  await saveMunicipalities(table, [
    { code: ROSKILDE, name: 'Roskilde' },
    { code: KOBENHAVN, name: 'København' },
  ]);
}

/** A staff member, a network consultant of Roskilde unless told otherwise. */
export function aStaffMember(overrides: Partial<StaffMember> = {}): StaffMember {
  const id = overrides.id ?? fixtureId('s');
  return {
    id,
    municipalityCode: ROSKILDE,
    name: `Medarbejder ${id}`,
    role: 'NETWORK_CONSULTANT',
    phone: '+4522334455',
    email: `${id}@roskilde.dk`,
    version: 1,
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
    consultant: aStaffMember({ id: `staff-${municipalityCode}-1`, municipalityCode }),
    leader: aStaffMember({
      id: `staff-${municipalityCode}-leader`,
      municipalityCode,
      role: 'TEAM_LEADER',
    }),
    secondConsultant: aStaffMember({ id: `staff-${municipalityCode}-2`, municipalityCode }),
    entrepreneur: aStaffMember({
      id: `staff-${municipalityCode}-entrepreneur`,
      municipalityCode,
      role: 'ENTREPRENEUR',
    }),
    psychologist: aStaffMember({
      id: `staff-${municipalityCode}-psychologist`,
      municipalityCode,
      role: 'PSYCHOLOGIST',
    }),
  };
  await givenStaff(table, ...Object.values(team));
  return team;
}

/** A young person of Roskilde, enrolled on 2026-01-05, unless told otherwise. */
export function aYouth(overrides: Partial<Youth> = {}): Youth {
  const enrolledAt = overrides.enrolledAt ?? '2026-01-05';
  return {
    id: overrides.id ?? fixtureId('y'),
    municipalityCode: ROSKILDE,
    name: 'Ida Jensen',
    dateOfBirth: '2004-03-14',
    phone: '+4523456789',
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
    cprMasked: null,
    version: 1,
    ...overrides,
  };
}

function nextWeek(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 7);
  return d.toISOString().slice(0, 10);
}

/**
 * Enrols a young person and moves them through the given statuses (one change a week after
 * enrolment each), through the same writes as the subgraph's own enrolment and status change,
 * so that history and counters agree with them.
 *
 * @param table - the test table
 * @param overrides - the young person's attributes
 * @param path - the statuses to move through after `ENROLLED`
 * @returns the young person as stored at the end (their version counts the changes)
 */
export async function givenYouth(
  table: Table,
  overrides: Partial<Youth> = {},
  path: YouthStatus[] = [],
): Promise<Youth> {
  const enrolled = aYouth({ ...overrides, status: 'ENROLLED' });
  const work = new UnitOfWork();
  stageEnrolment(work, enrolled, undefined);
  await commitSystemWork(table, work, { logger });
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

/** A psychologist's support note about a young person. */
export function aSupportNote(youthId: string, overrides: Partial<SupportNote> = {}): SupportNote {
  return {
    id: fixtureId('note'),
    youthId,
    date: '2026-02-01',
    text: 'Samtaleforløb hver anden uge',
    authorId: `staff-${ROSKILDE}-psychologist`,
    version: 1,
    ...overrides,
  };
}

/** Stores a support note in the young person's item collection. */
export async function givenSupportNote(
  table: Table,
  youthId: string,
  overrides: Partial<SupportNote> = {},
): Promise<SupportNote> {
  const note = aSupportNote(youthId, overrides);
  await table.put(SupportNoteEntity.toItem(note));
  return note;
}

/**
 * A company of a municipality's network and its contact persons (by default the one
 * `companyContactIdentity(companyId)` names), as the people subgraph reads them: only the
 * attributes `sharedKeys` promises (the companies subgraph's own fixtures are `aCompany()`).
 */
export async function givenSharedCompany(
  table: Table,
  companyId: string,
  municipalityCode: string,
  contactIds: string[] = [`${companyId}-contact`],
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

/** A valid `EnrolYouthInput`: a young person of Roskilde with their network consultant. */
export function enrolYouthInput(overrides: Record<string, unknown> = {}) {
  return {
    municipalityCode: ROSKILDE,
    name: '  Mads Nielsen ',
    dateOfBirth: '2003-06-01',
    phone: '22 33 44 55',
    email: 'Mads@Example.DK',
    enrolledAt: '2026-11-20',
    benefitCategory: 'EDUCATION_READY',
    consultantId: `staff-${ROSKILDE}-1`,
    interests: ['Fodbold', 'fodbold', 'Biler'],
    workWishes: ['Mekaniker'],
    barriers: [],
    ...overrides,
  };
}

/** A valid `ChangeYouthStatusInput` for a young person at a version: paused on 2026-11-20. */
export function changeYouthStatusInput(youth: Pick<Youth, 'id' | 'version'>, overrides = {}) {
  return {
    youthId: youth.id,
    expectedVersion: youth.version,
    status: 'PAUSED',
    date: '2026-11-20',
    reason: 'Sygdom',
    ...overrides,
  };
}

/** A valid `AddSupportNoteInput` for a young person. */
export function addSupportNoteInput(youthId: string, overrides: Record<string, unknown> = {}) {
  return { youthId, text: 'Første samtale', date: '2026-11-25', ...overrides };
}

/** A valid `RecordPsychologistContactInput`: an hour's session on 2026-11-24, a follow-up. */
export function recordPsychologistContactInput(
  youthId: string,
  overrides: Record<string, unknown> = {},
) {
  return {
    youthId,
    on: '2026-11-24',
    kind: 'INDIVIDUAL_SESSION',
    minutes: 60,
    referralMade: 'NONE',
    followUp: { on: '2026-12-08', note: 'Opfølgning på søvn' },
    ...overrides,
  };
}
