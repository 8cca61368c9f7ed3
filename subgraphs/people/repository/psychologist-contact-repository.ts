import type { Connection } from '#kernel/connection';
import type { ListingReader, PageRequest } from '#kernel/listing';
import { itemMustNotExist } from '#kernel/table/expressions';
import type { Table, TransactAction } from '#kernel/table/table';
import type {
  PsychologistCaseloadEntry,
  PsychologistContact,
} from '../domain/psychologist-contact.ts';
import {
  PSYCHOLOGIST_CONTACT_PREFIX,
  PsychologistCaseloadEntryEntity,
  PsychologistContactEntity,
  psychologistCaseloadEntryKey,
  psychologistCaseloadPartition,
  psychologistContactKey,
} from './psychologist-contact-entity.ts';
import { youthKey } from './youth-entity.ts';

/** One page of a young person's psychologist contacts, newest first: one query of their items. */
export function listPsychologistContacts(
  reader: ListingReader,
  youthId: string,
  page: PageRequest,
): Promise<Connection<PsychologistContact>> {
  return PsychologistContactEntity.page(
    reader,
    {
      query: {
        partition: youthKey(youthId).pk,
        beginsWith: PSYCHOLOGIST_CONTACT_PREFIX,
        forward: false,
      },
    },
    page,
  );
}

/** A contact as stored, to answer a repeat of the change that recorded it. */
export function readPsychologistContact(
  table: Table,
  key: Pick<PsychologistContact, 'youthId' | 'on' | 'id'>,
): Promise<PsychologistContact | undefined> {
  return PsychologistContactEntity.read(table, psychologistContactKey(key));
}

/** A young person's entry on a psychologist's caseload, read strongly consistent. */
export function readCaseloadEntry(
  table: Table,
  youthId: string,
  psychologistId: string,
): Promise<PsychologistCaseloadEntry | undefined> {
  return PsychologistCaseloadEntryEntity.read(
    table,
    psychologistCaseloadEntryKey(youthId, psychologistId),
  );
}

/**
 * Writes a young person's caseload entry as of a contact: it holds only while the entry is
 * still as read (none, or the same latest contact day), so two contacts recorded at once cannot
 * move the day back; the command runs again on a conflict.
 *
 * @param before - the entry as read, if any
 * @param after - the entry as it is to be
 */
export function caseloadEntryWrite(
  before: PsychologistCaseloadEntry | undefined,
  after: PsychologistCaseloadEntry,
): TransactAction {
  const put = PsychologistCaseloadEntryEntity.toItem(after);
  if (!before) return { put, condition: itemMustNotExist };
  return {
    put,
    condition: {
      expression: '#lastContactOn = :lastContactOn',
      names: { '#lastContactOn': 'lastContactOn' },
      values: { ':lastContactOn': before.lastContactOn },
    },
  };
}

/** One page of a psychologist's caseload, the latest contact first: one query of gsi2. */
export function listPsychologistCaseload(
  reader: ListingReader,
  psychologistId: string,
  page: PageRequest,
): Promise<Connection<PsychologistCaseloadEntry>> {
  const partition = psychologistCaseloadPartition(psychologistId);
  return PsychologistCaseloadEntryEntity.page(
    reader,
    { query: { index: 'gsi2', partition, forward: false }, scope: `${partition}#DESC` },
    page,
  );
}

/** How many young people a psychologist has seen: one count query of their caseload. */
export function countPsychologistCaseload(table: Table, psychologistId: string): Promise<number> {
  return table.count({ index: 'gsi2', partition: psychologistCaseloadPartition(psychologistId) });
}
