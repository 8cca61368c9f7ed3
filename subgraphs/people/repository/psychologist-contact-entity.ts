import { defineEntity } from '#kernel/entity';
import { type ItemKey, key, PREFIX } from '#kernel/keys';
import {
  type PsychologistCaseloadEntry,
  PsychologistCaseloadEntrySchema,
  type PsychologistContact,
  PsychologistContactSchema,
} from '../domain/psychologist-contact.ts';
import { youthKey } from './youth-entity.ts';

/**
 * A psychologist's contacts live in the young person's item collection
 * (`sk PSYCONTACT#<on>#<id>`), as support notes do, so they are read, exported and erased with
 * the young person. Beside them, one caseload entry per psychologist (`sk PSYCASELOAD#<staffId>`),
 * listed in gsi2 `STAFF#<id>#PSYCASELOAD` / `<lastContactOn>#<youthId>`: the psychologist's
 * caseload, newest contact first, one index query a page.
 */

/** The sort key prefix of a young person's psychologist contacts. */
export const PSYCHOLOGIST_CONTACT_PREFIX = 'PSYCONTACT#';

/** The sort key prefix of the caseload entries in a young person's collection. */
export const PSYCHOLOGIST_CASELOAD_PREFIX = 'PSYCASELOAD#';

/** Primary key of a psychologist's contact. */
export function psychologistContactKey(
  contact: Pick<PsychologistContact, 'youthId' | 'on' | 'id'>,
): ItemKey {
  return {
    pk: youthKey(contact.youthId).pk,
    sk: `${PSYCHOLOGIST_CONTACT_PREFIX}${key(contact.on, contact.id)}`,
  };
}

/** A psychologist's contact with a young person. */
export const PsychologistContactEntity = defineEntity<PsychologistContact>({
  name: 'PsychologistContact',
  schema: PsychologistContactSchema,
  key: psychologistContactKey,
});

/** The gsi2 partition of a psychologist's caseload. */
export function psychologistCaseloadPartition(staffId: string): string {
  return key(PREFIX.staff, staffId, 'PSYCASELOAD');
}

/** Primary key of a young person's entry on a psychologist's caseload. */
export function psychologistCaseloadEntryKey(youthId: string, psychologistId: string): ItemKey {
  return { pk: youthKey(youthId).pk, sk: `${PSYCHOLOGIST_CASELOAD_PREFIX}${psychologistId}` };
}

/** A young person on a psychologist's caseload. */
export const PsychologistCaseloadEntryEntity = defineEntity<PsychologistCaseloadEntry>({
  name: 'PsychologistCaseloadEntry',
  schema: PsychologistCaseloadEntrySchema,
  key: (entry) => psychologistCaseloadEntryKey(entry.youthId, entry.psychologistId),
  indexes: {
    gsi2: (entry) => ({
      pk: psychologistCaseloadPartition(entry.psychologistId),
      sk: key(entry.lastContactOn, entry.youthId),
    }),
  },
});
