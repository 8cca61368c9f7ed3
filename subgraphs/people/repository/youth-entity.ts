import * as z from 'zod';
import { defineEntity } from '#kernel/entity';
import { type ItemKey, key, PREFIX } from '#kernel/keys';
import { sharedKeys } from '#kernel/shared-keys';
import type { Item } from '#kernel/table/table';
import type { DatedStatus } from '../domain/weekly-status.ts';
import {
  NO_CONSENT,
  StatusChangeSchema,
  type Youth,
  YouthSchema,
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
 *
 * The profile item holds two attributes the `Youth` value does not: the encrypted CPR number
 * (`cprCiphertext`, {@link CprAttributes}) and the copy of the dated history
 * ({@link STATUS_TIMELINE}). A change
 * of a profile is an update of the attributes it changes (`work.change`), so it never drops them.
 */

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

/**
 * What a profile item written before an attribute existed holds in its place: the enrolment
 * day for the last change, one change (the enrolment), no consent, no e-mail, consultant or
 * CPR number, version 1.
 */
function withDefaultsOfOlderProfiles(item: Item): unknown {
  return {
    statusChangedAt: item.enrolledAt,
    statusChanges: 1,
    researchConsent: NO_CONSENT,
    email: null,
    consultantId: null,
    cprMasked: null,
    version: 1,
    ...item,
  };
}

/** A young person's profile: the entity of `sharedKeys.youth`. */
export const YouthEntity = defineEntity<Youth>({
  name: 'Youth',
  schema: YouthSchema,
  key: (youth) => youthKey(youth.id),
  indexes: {
    gsi1: (youth) => ({
      pk: municipalityYouthPartition(youth.municipalityCode),
      sk: youthListingSortKey(youth.status, youth.enrolledAt, youth.id),
    }),
    gsi2: (youth) =>
      youth.consultantId
        ? { pk: caseloadPartition(youth.consultantId), sk: key(youth.enrolledAt, youth.id) }
        : undefined,
  },
  decode: withDefaultsOfOlderProfiles,
});

/**
 * The stored attributes of a recorded CPR number: the number encrypted by the `FieldCipher` and
 * bound to the young person (`cprCiphertext`, never read into a `Youth`), and the masked form.
 */
export interface CprAttributes {
  cprCiphertext: string;
  cprMasked: string;
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

const STATUS_PREFIX = 'STATUS';

/** The sort key prefix of a young person's status history. */
export const STATUS_HISTORY_PREFIX = `${STATUS_PREFIX}#`;

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

/** One entry of a young person's status history, as stored in their item collection. */
export const StatusHistoryEntrySchema = StatusChangeSchema.extend({
  youthId: z.string(),
  /** The change's number in the history, 1 for the enrolment. */
  sequence: z.number().int().min(1),
});

/** An entry of a status history. */
export type StatusHistoryEntry = z.infer<typeof StatusHistoryEntrySchema>;

/** An entry of a young person's status history. */
export const StatusHistoryEntryEntity = defineEntity<StatusHistoryEntry>({
  name: 'YouthStatusChange',
  schema: StatusHistoryEntrySchema,
  key: (entry) => statusChangeKey(entry.youthId, entry.date, entry.sequence),
  // Entries written before the sequence was an attribute have it only in their key.
  decode: (item) => ({ sequence: Number(item.sk.split('#').at(-1)), ...item }),
});
