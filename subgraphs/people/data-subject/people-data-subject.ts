import type { DataSubjectRequest, DataSubjectResult, EraseResult } from '#kernel/data-subject';
import { itemMustNotExist, versionIs } from '#kernel/table/expressions';
import type { Item, Table, TransactAction } from '#kernel/table/table';
import type { DatedStatus } from '../domain/weekly-status.ts';
import type { YouthStatus } from '../domain/youth.ts';
import { enrolledWithAgeException } from '../domain/youth-rules.ts';
import {
  PSYCHOLOGIST_CONTACT_PREFIX,
  PsychologistContactEntity,
} from '../repository/psychologist-contact-entity.ts';
import {
  SELF_ASSESSMENT_PREFIX,
  SelfAssessmentEntity,
} from '../repository/self-assessment-entity.ts';
import { SUPPORT_NOTE_PREFIX, SupportNoteEntity } from '../repository/support-note-entity.ts';
import {
  STATUS_HISTORY_PREFIX,
  StatusHistoryEntryEntity,
  statusTimelineOf,
  YouthEntity,
  youthKey,
} from '../repository/youth-entity.ts';
import { activitiesAbout, unlinkActivities } from './activities-about-youth.ts';
import { redactActorSubject } from './audit-actor-redaction.ts';
import { anonymiseSelfAssessments, isSelfAssessmentItem } from './erased-self-assessments.ts';
import { ErasedYouthEntity } from './erased-youth-entity.ts';

/**
 * The people subgraph's part of a young person's rights: everything it holds about them is in
 * their item collection `YOUTH#<id>` (profile, status history, support notes, self-assessments,
 * and the company links and placement guard the placements subgraph keeps there), so both
 * "everything about X" and erasure are one query of that partition — never a scan.
 */

/** Sort key prefix of the youth–company links in the collection (`sharedKeys.youthCompanyLink`). */
const LINK_PREFIX = 'LINK#';

/** A transaction takes at most 100 actions. */
const TRANSACTION_LIMIT = 100;

/** The items of a young person's collection; the profile first when there is one. */
async function collectionOf(table: Table, youthId: string): Promise<Item[]> {
  return table.queryAll({ partition: youthKey(youthId).pk });
}

function isProfile(item: Item, youthId: string): boolean {
  return item.sk === youthKey(youthId).sk;
}

function reasonsOf(item: Item): string[] {
  const reasons = item.reasons;
  if (reasons instanceof Set) return [...reasons].map(String).sort();
  if (Array.isArray(reasons)) return reasons.map(String).sort();
  return [];
}

/**
 * The GraphQL types whose records each section of this subgraph's art. 15 export holds: every
 * type with a field marked personal must be in one subgraph's sections (the coverage test,
 * `tests/unit/personal-data-coverage.test.ts`); value types go with their parent.
 */
export const PEOPLE_EXPORT_SECTIONS = {
  profile: ['Youth'],
  statusHistory: ['YouthStatusChange'],
  supportNotes: ['SupportNote'],
  psychologistContacts: ['PsychologistContact', 'PsychologistFollowUp'],
  companyLinks: [],
  selfAssessments: ['SelfAssessment', 'SelfAssessmentAnswer'],
  activities: ['Activity'],
} as const satisfies Record<string, readonly string[]>;

/**
 * Everything the people subgraph holds about a young person (GDPR art. 15): the profile (the CPR
 * number only masked), the status history, the support notes and which companies are tied to
 * them. Empty sections when the young person is unknown.
 *
 * @param table - the table
 * @param youthId - the young person
 */
export async function collectPeopleData(
  table: Table,
  youthId: string,
): Promise<Record<string, unknown>> {
  const items = await collectionOf(table, youthId);
  const profileItem = items.find((item) => isProfile(item, youthId));
  const { version: _version, ...profile } = profileItem
    ? YouthEntity.fromItem(profileItem)
    : { version: 0 };
  const sections: Record<keyof typeof PEOPLE_EXPORT_SECTIONS, unknown> = {
    profile: profileItem ? profile : null,
    statusHistory: items
      .filter((item) => item.sk.startsWith(STATUS_HISTORY_PREFIX))
      .map((item) => {
        const { status, date, reason } = StatusHistoryEntryEntity.fromItem(item);
        return { status, date, reason };
      }),
    supportNotes: items
      .filter((item) => item.sk.startsWith(SUPPORT_NOTE_PREFIX))
      .map(SupportNoteEntity.fromItem),
    // The caseload entries beside them only repeat the latest day: the contacts are the record.
    psychologistContacts: items
      .filter((item) => item.sk.startsWith(PSYCHOLOGIST_CONTACT_PREFIX))
      .map(PsychologistContactEntity.fromItem),
    companyLinks: items
      .filter((item) => item.sk.startsWith(LINK_PREFIX))
      .map((item) => ({ companyId: String(item.companyId), reasons: reasonsOf(item) })),
    selfAssessments: items
      .filter((item) => item.sk.startsWith(SELF_ASSESSMENT_PREFIX))
      .map(SelfAssessmentEntity.fromItem),
    activities: await activitiesAbout(table, youthId),
  };
  return sections;
}

/** The dated status timeline of a profile: its own copy, else the history items. */
function timelineOf(profile: Item, items: readonly Item[]): DatedStatus[] {
  return (
    statusTimelineOf(profile) ??
    items
      .filter((item) => item.sk.startsWith(STATUS_HISTORY_PREFIX))
      .map((item) => ({ status: String(item.status) as YouthStatus, date: String(item.date) }))
  );
}

/**
 * Erases a young person's collection: every item but the profile and the self-assessments is
 * deleted; each self-assessment is replaced by an anonymous copy under `stubYouthId`, which
 * the direction figures count (`erased-self-assessments.ts`); then, in one transaction, the
 * profile is deleted and its anonymous stub written under `stubYouthId` (see
 * `erased-youth-entity.ts`). The profile goes last, so an erasure that stopped half-way is
 * finished by running it again; once the profile is gone, running it again deletes whatever
 * is left and changes nothing else.
 *
 * @param table - the table
 * @param youthId - the young person
 * @param stubYouthId - the stub's new random id (the same for every subgraph of one erasure)
 * @throws ConflictError when the profile changed while it was being erased (run it again)
 */
export async function erasePeopleData(
  table: Table,
  youthId: string,
  stubYouthId: string,
): Promise<EraseResult> {
  const items = await collectionOf(table, youthId);
  const profile = items.find((item) => isProfile(item, youthId));
  // Before the profile goes, so that an erasure that stops here is finished by running it again.
  await redactActorSubject(table, youthId);
  // Kept for the figures, without the link to them: anonymised, as the stubs are.
  const unlinked = await unlinkActivities(table, youthId);
  const others = items.filter((item) => !isProfile(item, youthId) && !isSelfAssessmentItem(item));
  for (let start = 0; start < others.length; start += TRANSACTION_LIMIT) {
    const chunk = others.slice(start, start + TRANSACTION_LIMIT);
    await table.transact(chunk.map((item) => ({ delete: { pk: item.pk, sk: item.sk } })));
  }
  const assessments = items.filter(isSelfAssessmentItem);
  for (const transaction of anonymiseSelfAssessments(assessments, stubYouthId)) {
    await table.transact(transaction);
  }
  if (!profile) {
    return {
      operation: 'erase',
      deleted: others.length,
      anonymised: assessments.length + unlinked,
    };
  }
  const youth = YouthEntity.fromItem(profile);
  const stub = ErasedYouthEntity.toItem({
    stubId: stubYouthId,
    municipalityCode: youth.municipalityCode,
    enrolledAt: youth.enrolledAt,
    benefitCategory: youth.benefitCategory,
    status: youth.status,
    statusChangedAt: youth.statusChangedAt,
    statusChanges: youth.statusChanges,
    statusTimeline: timelineOf(profile, items),
    enrolledWithAgeException: enrolledWithAgeException(youth),
  });
  const last: TransactAction[] = [
    { put: stub, condition: itemMustNotExist },
    {
      delete: youthKey(youthId),
      ...(profile.version === undefined ? {} : { condition: versionIs(youth.version) }),
    },
  ];
  await table.transact(last);
  return {
    operation: 'erase',
    deleted: others.length + 1,
    anonymised: 1 + assessments.length + unlinked,
  };
}

/**
 * The people subgraph's data-subject handler (its own Lambda function in AWS).
 *
 * @param table - the table
 * @param request - the request
 */
export async function handlePeopleDataSubject(
  table: Table,
  request: DataSubjectRequest,
): Promise<DataSubjectResult> {
  switch (request.operation) {
    case 'collect':
      return { operation: 'collect', sections: await collectPeopleData(table, request.youthId) };
    case 'check':
      return { operation: 'check', blockers: [] };
    case 'erase':
      return erasePeopleData(table, request.youthId, request.stubYouthId);
    case 'evaluationRows':
      // The people columns are read by the export itself, which lists the consenting young people.
      return { operation: 'evaluationRows', rows: {} };
  }
}
