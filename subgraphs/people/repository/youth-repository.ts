import type { Connection } from '#kernel/connection';
import type { ItemLoader } from '#kernel/entity-loader';
import type { ListingReader, PageRequest } from '#kernel/listing';
import { itemMustExist, itemMustNotExist } from '#kernel/table/expressions';
import type { Table, TransactAction } from '#kernel/table/table';
import type { SupportNote } from '../domain/support-note.ts';
import type { StatusChange, Youth, YouthStatus } from '../domain/youth.ts';
import { SUPPORT_NOTE_PREFIX, SupportNoteEntity } from './support-note-entity.ts';
import {
  type CprAttributes,
  caseloadPartition,
  municipalityYouthPartition,
  STATUS_HISTORY_PREFIX,
  STATUS_TIMELINE,
  StatusHistoryEntryEntity,
  statusListingPrefix,
  YouthEntity,
  youthKey,
} from './youth-entity.ts';

/** Young people by id through the request's batching loader; undefined where unknown. */
export function loadYouth(
  loader: ItemLoader,
  youthIds: readonly string[],
): Promise<Array<Youth | undefined>> {
  return YouthEntity.load(loader, youthIds.map(youthKey));
}

/** A young person through the request's loader (strongly consistent, as a change starts from). */
export function loadOneYouth(loader: ItemLoader, youthId: string): Promise<Youth | undefined> {
  return YouthEntity.loadOne(loader, youthKey(youthId));
}

/**
 * One page of a municipality's young people, by status then enrolment date; only one status
 * when given. The cursor scope names municipality and status, so a cursor from one list is
 * refused in any other.
 */
export function listYouthOfMunicipality(
  reader: ListingReader,
  municipalityCode: string,
  status: YouthStatus | undefined,
  page: PageRequest,
): Promise<Connection<Youth>> {
  const partition = municipalityYouthPartition(municipalityCode);
  return YouthEntity.page(
    reader,
    {
      query: {
        index: 'gsi1',
        partition,
        ...(status ? { beginsWith: statusListingPrefix(status) } : {}),
      },
      scope: `${partition}#${status ?? 'ALL'}`,
    },
    page,
  );
}

/**
 * How many young people a municipality's listing holds (of one status, when given): one count
 * query of its gsi1 partition (`Table.count`).
 */
export function countYouthOfMunicipality(
  table: Table,
  municipalityCode: string,
  status: YouthStatus | undefined,
): Promise<number> {
  return table.count({
    index: 'gsi1',
    partition: municipalityYouthPartition(municipalityCode),
    ...(status ? { beginsWith: statusListingPrefix(status) } : {}),
  });
}

/** How many young people a network consultant follows: one count query of their caseload. */
export function countCaseload(table: Table, staffId: string): Promise<number> {
  return table.count({ index: 'gsi2', partition: caseloadPartition(staffId) });
}

/** One page of a network consultant's caseload, by enrolment date. */
export function listCaseload(
  reader: ListingReader,
  staffId: string,
  page: PageRequest,
): Promise<Connection<Youth>> {
  const partition = caseloadPartition(staffId);
  return YouthEntity.page(reader, { query: { index: 'gsi2', partition }, scope: partition }, page);
}

/** A young person's status history, oldest first: one query of their item collection. */
export async function listStatusHistory(table: Table, youthId: string): Promise<StatusChange[]> {
  const entries = await StatusHistoryEntryEntity.readAll(table, {
    partition: youthKey(youthId).pk,
    beginsWith: STATUS_HISTORY_PREFIX,
  });
  return entries.map(({ status, date, reason }) => ({ status, date, reason }));
}

/** A young person's support notes, newest first: one query of their item collection. */
export function listSupportNotes(table: Table, youthId: string): Promise<SupportNote[]> {
  return SupportNoteEntity.readAll(table, {
    partition: youthKey(youthId).pk,
    beginsWith: SUPPORT_NOTE_PREFIX,
    forward: false,
  });
}

/**
 * The new profile of an enrolment: the young person's item with the attributes the value does
 * not hold — the first entry of the status timeline and, when given, the encrypted CPR number —
 * written only if no profile has the id.
 *
 * @param youth - the young person, status `ENROLLED`, version 1
 * @param cpr - the encrypted and masked CPR number, when one is recorded
 */
export function newProfile(youth: Youth, cpr?: CprAttributes): TransactAction {
  const timeline = [{ status: youth.status, date: youth.enrolledAt }];
  return {
    put: { ...YouthEntity.toItem(youth), ...cpr, [STATUS_TIMELINE]: timeline },
    condition: itemMustNotExist,
  };
}

/** A check, in a transaction, that the young person (still) exists. */
export function youthExists(youthId: string): TransactAction {
  return { check: youthKey(youthId), condition: itemMustExist };
}

/**
 * The first young people of a network consultant's caseload, by enrolment date: one query of
 * their caseload partition, at most `limit` items (a removal asks whether there is one; a
 * reassignment of the whole caseload reads one more than it may move, to know it may not).
 *
 * @param table - the table
 * @param staffId - the consultant
 * @param limit - how many at most
 */
export async function firstOfCaseload(
  table: Table,
  staffId: string,
  limit: number,
): Promise<Youth[]> {
  const { items } = await table.query({
    index: 'gsi2',
    partition: caseloadPartition(staffId),
    limit,
  });
  return items.map(YouthEntity.fromItem);
}
