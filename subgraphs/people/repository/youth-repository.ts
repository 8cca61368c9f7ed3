import type { Connection } from '#kernel/connection';
import type { ItemLoader } from '#kernel/entity-loader';
import { type ListingReader, type PageRequest, readPage } from '#kernel/listing';
import { itemMustExist, itemMustNotExist, versionIs } from '#kernel/table/expressions';
import type { Table, TransactAction } from '#kernel/table/table';
import type { SupportNote } from '../domain/support-note.ts';
import type { ResearchConsent, StatusChange, Youth, YouthStatus } from '../domain/youth.ts';
import { enrolmentFigureChanges } from '../domain/youth-figures.ts';
import { countChanges } from '../domain/youth-stats.ts';
import { isNetworkConsultantOf, staffKey } from './staff-entity.ts';
import {
  SUPPORT_NOTE_PREFIX,
  supportNoteFromItem,
  supportNoteToItem,
} from './support-note-entity.ts';
import {
  type CprAttributes,
  caseloadIndexKeys,
  caseloadPartition,
  municipalityYouthPartition,
  STATUS_HISTORY_PREFIX,
  STATUS_TIMELINE,
  statusChangeFromItem,
  statusChangeToItem,
  statusListingPrefix,
  youthFromItem,
  youthKey,
  youthToItem,
} from './youth-entity.ts';
import { youthFiguresAction } from './youth-stats-entity.ts';

/** Young people by id through the request's batching loader; undefined where unknown. */
export async function loadYouth(
  loader: ItemLoader,
  youthIds: readonly string[],
): Promise<Array<Youth | undefined>> {
  const items = await loader.loadMany(youthIds.map(youthKey));
  return items.map((item) => {
    if (item instanceof Error) throw item;
    return item ? youthFromItem(item) : undefined;
  });
}

/** A young person read strongly consistent, before a write that depends on what they are. */
export async function readYouth(table: Table, youthId: string): Promise<Youth | undefined> {
  const item = await table.get(youthKey(youthId));
  return item ? youthFromItem(item) : undefined;
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
  return readPage(
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
    youthFromItem,
  );
}

/** One page of a network consultant's caseload, by enrolment date. */
export function listCaseload(
  reader: ListingReader,
  staffId: string,
  page: PageRequest,
): Promise<Connection<Youth>> {
  const partition = caseloadPartition(staffId);
  return readPage(
    reader,
    { query: { index: 'gsi2', partition }, scope: partition },
    page,
    youthFromItem,
  );
}

/** A young person's status history, oldest first: one query of their item collection. */
export async function listStatusHistory(table: Table, youthId: string): Promise<StatusChange[]> {
  const items = await table.queryAll({
    partition: youthKey(youthId).pk,
    beginsWith: STATUS_HISTORY_PREFIX,
  });
  return items.map(statusChangeFromItem);
}

/** A young person's support notes, newest first: one query of their item collection. */
export async function listSupportNotes(table: Table, youthId: string): Promise<SupportNote[]> {
  const items = await table.queryAll({
    partition: youthKey(youthId).pk,
    beginsWith: SUPPORT_NOTE_PREFIX,
    forward: false,
  });
  return items.map(supportNoteFromItem);
}

/**
 * Writes a new young person in one transaction: the profile, the first history entry
 * (`ENROLLED`), one more `ENROLLED` in the municipality's counters, one more in the enrolment
 * month's cohort figures, and — when a consultant is assigned — the check that they are still a
 * network consultant of the municipality.
 *
 * @param table - the table
 * @param youth - the young person, status `ENROLLED`, version 1
 * @param reason - the reason of the first history entry
 * @param cpr - the encrypted and masked CPR number, when one is recorded
 */
export async function saveEnrolment(
  table: Table,
  youth: Youth,
  reason: string,
  cpr?: CprAttributes,
): Promise<void> {
  const timeline = [{ status: youth.status, date: youth.enrolledAt }];
  const actions: TransactAction[] = [
    {
      put: { ...youthToItem(youth), ...cpr, [STATUS_TIMELINE]: timeline },
      condition: itemMustNotExist,
    },
    {
      put: statusChangeToItem(
        youth.id,
        { status: youth.status, date: youth.enrolledAt, reason },
        1,
      ),
      condition: itemMustNotExist,
    },
  ];
  const figures = youthFiguresAction(
    youth.municipalityCode,
    countChanges(null, youth.status),
    enrolmentFigureChanges(youth.enrolledAt, timeline),
  );
  if (figures) actions.push(figures);
  if (youth.consultantId) {
    actions.push({
      check: staffKey(youth.consultantId),
      condition: isNetworkConsultantOf(youth.municipalityCode),
    });
  }
  await table.transact(actions);
}

/** Profile attributes `updateYouthProfile` may change. */
export type ProfileChanges = Partial<
  Pick<
    Youth,
    | 'name'
    | 'dateOfBirth'
    | 'phone'
    | 'email'
    | 'interests'
    | 'workWishes'
    | 'benefitCategory'
    | 'barriers'
  >
>;

/**
 * Changes a profile if nobody changed it since it was read (its version); otherwise `CONFLICT`.
 *
 * @param table - the table
 * @param before - the young person as read
 * @param changes - the attributes to set
 * @param cpr - a new encrypted and masked CPR number, when one is given
 * @returns the young person afterwards
 */
export async function saveProfileChanges(
  table: Table,
  before: Youth,
  changes: ProfileChanges,
  cpr?: CprAttributes,
): Promise<Youth> {
  const after = await table.update(
    youthKey(before.id),
    { set: { ...changes, ...cpr }, add: { version: 1 } },
    versionIs(before.version),
  );
  return youthFromItem(after);
}

/**
 * Assigns a consultant if nobody changed the young person since they were read, and the
 * consultant is still a network consultant of the municipality; otherwise `CONFLICT`. The young
 * person moves to the consultant's caseload (gsi2) in the same write.
 */
export async function saveConsultantAssignment(
  table: Table,
  before: Youth,
  consultantId: string,
): Promise<void> {
  await table.transact([
    {
      update: youthKey(before.id),
      spec: {
        set: { consultantId, ...caseloadIndexKeys(before, consultantId) },
        add: { version: 1 },
      },
      condition: versionIs(before.version),
    },
    { check: staffKey(consultantId), condition: isNetworkConsultantOf(before.municipalityCode) },
  ]);
}

/** Stores a young person's research consent if nobody changed them since they were read. */
export async function saveResearchConsent(
  table: Table,
  before: Youth,
  consent: ResearchConsent,
): Promise<Youth> {
  const after = await table.update(
    youthKey(before.id),
    { set: { researchConsent: consent }, add: { version: 1 } },
    versionIs(before.version),
  );
  return youthFromItem(after);
}

/** Stores a support note in the young person's item collection, while the young person exists. */
export async function saveSupportNote(table: Table, note: SupportNote): Promise<void> {
  await table.transact([
    { put: supportNoteToItem(note), condition: itemMustNotExist },
    { check: youthKey(note.youthId), condition: itemMustExist },
  ]);
}
