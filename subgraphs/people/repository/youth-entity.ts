import { type ItemKey, key, PREFIX } from '#kernel/keys';
import { sharedKeys } from '#kernel/shared-keys';
import type { Item } from '#kernel/table/table';
import type { DatedStatus } from '../domain/weekly-status.ts';
import {
  type BenefitCategory,
  NO_CONSENT,
  type ResearchConsent,
  type StatusChange,
  type Youth,
  type YouthStatus,
} from '../domain/youth.ts';

/**
 * A young person's items. Everything about one young person lives in their item collection
 * (`pk YOUTH#<id>`): the profile (`sk YOUTH#<id>`, `sharedKeys.youth`), the status history
 * (`sk STATUS#<date>#<n>`), the support notes (`sk NOTE#…`) and the company links the
 * placements subgraph writes (`sk LINK#…`), so "everything about X" — and erasure — is one
 * query.
 *
 * Listings: gsi1 `MUNI#<code>#YOUTH` / `<status>#<enrolledAt>#<id>` (a municipality's young
 * people, by status with `beginsWith`); gsi2 `STAFF#<id>#CASELOAD` / `<enrolledAt>#<id>` (a
 * consultant's caseload, sparse: only young people with a consultant).
 */

/** The entity name stored on a profile item. */
export const YOUTH_ENTITY = 'Youth';

/** The entity name stored on a status history item. */
export const STATUS_CHANGE_ENTITY = 'YouthStatusChange';

const STATUS_PREFIX = 'STATUS';

/** Primary key of a young person's profile. */
export function youthKey(youthId: string): ItemKey {
  return sharedKeys.youth(youthId);
}

/** The gsi1 partition of a municipality's young people. */
export function municipalityYouthPartition(municipalityCode: string): string {
  return key(PREFIX.municipality, municipalityCode, PREFIX.youth);
}

/** The gsi1 sort key of a young person: status first, so a status is one `beginsWith`. */
export function youthListingSortKey(status: string, enrolledAt: string, youthId: string): string {
  return key(status, enrolledAt, youthId);
}

/** The sort key prefix of one status in a municipality's listing. */
export function statusListingPrefix(status: YouthStatus): string {
  return `${status}#`;
}

/** The gsi2 partition of a network consultant's caseload. */
export function caseloadPartition(staffId: string): string {
  return key(PREFIX.staff, staffId, 'CASELOAD');
}

/** The gsi2 attributes that put a young person in a consultant's caseload. */
export function caseloadIndexKeys(youth: Pick<Youth, 'id' | 'enrolledAt'>, consultantId: string) {
  return { gsi2pk: caseloadPartition(consultantId), gsi2sk: key(youth.enrolledAt, youth.id) };
}

/** The stored item of a young person's profile, with the index keys of its listings. */
export function youthToItem(youth: Youth): Item {
  return {
    ...youthKey(youth.id),
    entity: YOUTH_ENTITY,
    gsi1pk: municipalityYouthPartition(youth.municipalityCode),
    gsi1sk: youthListingSortKey(youth.status, youth.enrolledAt, youth.id),
    ...(youth.consultantId ? caseloadIndexKeys(youth, youth.consultantId) : {}),
    id: youth.id,
    municipalityCode: youth.municipalityCode,
    name: youth.name,
    dateOfBirth: youth.dateOfBirth,
    phone: youth.phone,
    email: youth.email,
    enrolledAt: youth.enrolledAt,
    status: youth.status,
    statusChangedAt: youth.statusChangedAt,
    statusChanges: youth.statusChanges,
    consultantId: youth.consultantId,
    interests: youth.interests,
    workWishes: youth.workWishes,
    benefitCategory: youth.benefitCategory,
    barriers: youth.barriers,
    researchConsent: youth.researchConsent,
    ...(youth.cprMasked ? { cprMasked: youth.cprMasked } : {}),
    version: youth.version,
  };
}

/**
 * The attribute of a profile that holds the CPR number, encrypted by the `FieldCipher` and bound
 * to the young person; it is never read into a `Youth` (only `cprMasked` is).
 */
export const CPR_CIPHERTEXT = 'cprCiphertext';

/** The stored attributes of a recorded CPR number: the ciphertext and the masked form. */
export interface CprAttributes {
  cprCiphertext: string;
  cprMasked: string;
}

function optionalString(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.map(String) : [];
}

function consentFrom(value: unknown): ResearchConsent {
  if (typeof value !== 'object' || value === null) return NO_CONSENT;
  const consent = value as Record<string, unknown>;
  return {
    given: consent.given === true,
    givenAt: optionalString(consent.givenAt),
    withdrawnAt: optionalString(consent.withdrawnAt),
  };
}

/** A young person from their stored profile item. */
export function youthFromItem(item: Item): Youth {
  const enrolledAt = String(item.enrolledAt ?? '');
  return {
    id: String(item.id),
    municipalityCode: String(item.municipalityCode),
    name: String(item.name ?? ''),
    dateOfBirth: String(item.dateOfBirth ?? ''),
    phone: String(item.phone ?? ''),
    email: optionalString(item.email),
    enrolledAt,
    status: String(item.status) as YouthStatus,
    statusChangedAt: String(item.statusChangedAt ?? enrolledAt),
    statusChanges: Number(item.statusChanges ?? 1),
    consultantId: optionalString(item.consultantId),
    interests: strings(item.interests),
    workWishes: strings(item.workWishes),
    benefitCategory: String(item.benefitCategory) as BenefitCategory,
    barriers: strings(item.barriers),
    researchConsent: consentFrom(item.researchConsent),
    cprMasked: optionalString(item.cprMasked),
    version: Number(item.version ?? 1),
  };
}

/**
 * Key of the n-th entry of a young person's status history: sorted by date, then by the order
 * the changes were made in (two changes on one day keep their order).
 *
 * @param youthId - the young person
 * @param date - the day of the change
 * @param sequence - the change's number in the history, 1 for the enrolment
 */
export function statusChangeKey(youthId: string, date: string, sequence: number): ItemKey {
  return {
    pk: youthKey(youthId).pk,
    sk: key(STATUS_PREFIX, date, String(sequence).padStart(4, '0')),
  };
}

/** The sort key prefix of a young person's status history. */
export const STATUS_HISTORY_PREFIX = `${STATUS_PREFIX}#`;

/** The stored item of one status change. */
export function statusChangeToItem(youthId: string, change: StatusChange, sequence: number): Item {
  return {
    ...statusChangeKey(youthId, change.date, sequence),
    entity: STATUS_CHANGE_ENTITY,
    youthId,
    status: change.status,
    date: change.date,
    reason: change.reason,
  };
}

/** A status change from its stored item. */
export function statusChangeFromItem(item: Item): StatusChange {
  return {
    status: String(item.status) as YouthStatus,
    date: String(item.date),
    reason: String(item.reason),
  };
}

/**
 * The profile's copy of the dated status history (`statusTimeline`: status and day, no reason),
 * kept with every change under the profile's version. A status change reads it with the
 * profile, strongly consistent, to take the young person's old contribution out of the monthly
 * figures and add the new one: the history items are read by a query, which would not be.
 */
export const STATUS_TIMELINE = 'statusTimeline';

/** The profile item's status timeline; undefined for an item written without one. */
export function statusTimelineOf(item: Item): DatedStatus[] | undefined {
  const timeline = item[STATUS_TIMELINE];
  if (!Array.isArray(timeline)) return undefined;
  return timeline.map((entry) => {
    const { status, date } = entry as Record<string, unknown>;
    return { status: String(status) as YouthStatus, date: String(date) };
  });
}
