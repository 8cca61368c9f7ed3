import { commitSystemWork } from '#kernel/command';
import {
  type DataSubjectRequest,
  type DataSubjectResult,
  type EraseResult,
  forEachLimited,
} from '#kernel/data-subject';
import { newId } from '#kernel/keys';
import { logger } from '#kernel/logger';
import { sharedKeys } from '#kernel/shared-keys';
import { itemMustNotExist } from '#kernel/table/expressions';
import type { Item, Table } from '#kernel/table/table';
import { ConditionFailedError } from '#kernel/table/table';
import { type YouthPeerTies, YouthPeerTiesEntity, youthPeerTieErased } from '#kernel/ties';
import { UnitOfWork } from '#kernel/unit-of-work';
import type { Suggestion } from '../domain/suggestion.ts';
import type { WorkStory } from '../domain/work-story.ts';
import {
  AttendanceRecordEntities,
  AttendanceTotalsEntities,
  attendanceTotalsKey,
  totalsOf,
} from '../repository/attendance-entity.ts';
import {
  groupKey,
  MembershipEntities,
  NetworkGroupEntity,
  participantPartition,
} from '../repository/network-group-entity.ts';
import { NetworkSessionEntity, sessionKey } from '../repository/network-session-entity.ts';
import { erasedSuggestionToItem, suggestionKey } from '../repository/suggestion-entity.ts';
import { readAllSuggestionsOfYouth } from '../repository/suggestion-repository.ts';
import { storyKey } from '../repository/work-story-entity.ts';
import { readAllStoriesOfYouth } from '../repository/work-story-repository.ts';

/**
 * The learning community's part of a young person's rights. Everything about a young person is
 * in their participant collection `NETWORK#YOUTH#<id>` (memberships, attendance records and
 * totals) and their work stories (gsi1 by young person); the group and session items that name
 * them are reached from those — never by a scan.
 *
 * Erasure: work stories and the participant collection are deleted, and the young person is
 * taken off their groups' member lists. A suggestion (their own words) is deleted and leaves an
 * anonymous stub of what the suggestion figures count (`erasedSuggestionToItem`), so the figures
 * and a recount agree after the erasure. A session's attendance list is what the
 * network figures (sessions held, attendance rate) are counted from, so there the young
 * person's entry is kept under their stub id: the figures and a recount from the sessions agree.
 * Their ties to other young people (`YOUTH#<id>` / `TIE#YOUTH`) are deleted, and they are taken
 * out of every other young person's peers: a tie is to a person, and their id must not outlive
 * them in another's record. The others' counts drop, as the tie figures (counted from the ties
 * when asked, like the youth–company ties an erasure deletes) do.
 * Every change is committed through the kernel's write path (`commitSystemWork`).
 */

const YOUTH = 'YOUTH';
const RECORD_PREFIX = 'ATTENDANCE#';
const MEMBERSHIP_PREFIX = 'GROUP#';

/** The young person's participant collection: memberships, attendance records and totals. */
function collectionOf(table: Table, youthId: string): Promise<Item[]> {
  return table.queryAll({ partition: participantPartition(YOUTH, youthId) });
}

/**
 * The GraphQL types whose records each section of this subgraph's art. 15 export holds: every
 * type with a field marked personal must be in one subgraph's sections (the coverage test,
 * `tests/unit/personal-data-coverage.test.ts`); value types go with their parent.
 */
export const LEARNING_EXPORT_SECTIONS = {
  groupMemberships: [],
  attendance: ['AttendanceRecord'],
  attendanceTotals: ['YouthAttendance'],
  workStories: ['WorkStory'],
  suggestions: ['Suggestion', 'SuggestionAnswer'],
  peerTies: [],
} as const satisfies Record<string, readonly string[]>;

/**
 * Everything the learning community holds about a young person (GDPR art. 15), in the sections
 * of {@link LEARNING_EXPORT_SECTIONS}.
 *
 * @param table - the table
 * @param youthId - the young person
 */
export async function collectLearningData(
  table: Table,
  youthId: string,
): Promise<Record<string, unknown>> {
  const [items, stories, suggestions, peerTies] = await Promise.all([
    collectionOf(table, youthId),
    readAllStoriesOfYouth(table, youthId),
    readAllSuggestionsOfYouth(table, youthId),
    readPeerTies(table, youthId),
  ]);
  const totals = items.find((item) => item.sk === attendanceTotalsKey(YOUTH, youthId).sk);
  const sections: Record<keyof typeof LEARNING_EXPORT_SECTIONS, unknown> = {
    groupMemberships: items
      .filter((item) => item.sk.startsWith(MEMBERSHIP_PREFIX))
      .map((item) => MembershipEntities.YOUTH.fromItem(item))
      .map(({ groupId, joinedOn }) => ({ groupId, joinedOn })),
    attendance: items
      .filter((item) => item.sk.startsWith(RECORD_PREFIX))
      .map((item) => AttendanceRecordEntities.YOUTH.fromItem(item)),
    attendanceTotals: totalsOf(totals && AttendanceTotalsEntities.YOUTH.fromItem(totals)),
    workStories: stories.map(({ version: _v, ...story }) => story),
    // Their own, anonymous ones too, with the team's answers (who answered is the team's).
    suggestions: suggestions.map(({ version: _v, answer, ...suggestion }) => ({
      ...suggestion,
      answer: answer ? { text: answer.text, answeredAt: answer.answeredAt } : null,
    })),
    // How many young people they are tied to, through which groups and since when; not who the
    // others are (their ids are theirs: art. 15(4)).
    peerTies: peerTies && {
      count: peerTies.peers.length,
      groups: peerTies.reasons,
      contactDays: peerTies.contactDays,
    },
  };
  return sections;
}

/** A young person's ties to other young people; undefined when they have none. */
async function readPeerTies(table: Table, youthId: string): Promise<YouthPeerTies | undefined> {
  const item = await table.get(sharedKeys.youthPeerTies(youthId));
  return item && YouthPeerTiesEntity.fromItem(item);
}

/**
 * Takes the erased young person out of the peers of each young person they were tied to (those
 * still there: one erased before has no ties left to change), then deletes their own ties.
 */
async function erasePeerTies(table: Table, youthId: string): Promise<number> {
  const own = await readPeerTies(table, youthId);
  if (!own) return 0;
  const others = await table.batchGet(own.peers.map((peer) => sharedKeys.youthPeerTies(peer)));
  const remaining = own.peers.filter((_, index) => others[index] !== undefined);
  await forEachLimited(remaining, async (peer) => {
    const work = new UnitOfWork();
    work.add(youthPeerTieErased(peer, youthId));
    await commitSystemWork(table, work, { logger });
  });
  await deleteItem(table, sharedKeys.youthPeerTies(youthId));
  return 1;
}

/** How many times a versioned change is staged again on fresh reads when another beat it. */
const ATTEMPTS = 4;

/**
 * Commits a versioned change of the erasure, read afresh and staged again when a concurrent
 * change beat it to the commit (as a command is run again); nothing to stage is done.
 *
 * @param table - the table
 * @param stage - reads what it changes and stages the change; false when there is nothing to do
 */
async function commitOnFreshReads(
  table: Table,
  stage: (work: UnitOfWork) => Promise<boolean>,
): Promise<boolean> {
  for (let attempt = 1; ; attempt++) {
    const work = new UnitOfWork();
    if (!(await stage(work))) return false;
    try {
      await commitSystemWork(table, work, { logger });
      return true;
    } catch (error) {
      if (!(error instanceof ConditionFailedError) || attempt >= ATTEMPTS) throw error;
    }
  }
}

/** Takes the young person off a group's member list. */
function leaveGroup(table: Table, groupId: string, youthId: string): Promise<boolean> {
  return commitOnFreshReads(table, async (work) => {
    const group = await NetworkGroupEntity.read(table, groupKey(groupId));
    if (!group?.members.some((member) => member.memberId === youthId)) return false;
    work.change(NetworkGroupEntity, group, {
      members: group.members.filter((member) => member.memberId !== youthId),
    });
    return true;
  });
}

/** Puts the stub id in place of the young person's in a session's attendance list. */
function anonymiseAttendance(
  table: Table,
  sessionId: string,
  youthId: string,
  stubYouthId: string,
): Promise<boolean> {
  return commitOnFreshReads(table, async (work) => {
    const session = await NetworkSessionEntity.read(table, sessionKey(sessionId));
    if (!session?.attendance.some((entry) => entry.memberId === youthId)) return false;
    work.change(NetworkSessionEntity, session, {
      attendance: session.attendance.map((entry) =>
        entry.memberId === youthId ? { ...entry, memberId: stubYouthId } : entry,
      ),
    });
    return true;
  });
}

/**
 * Replaces a suggestion by its stub in one transaction: run again, the suggestion is gone from
 * the author's listing and nothing is done twice.
 */
async function eraseSuggestion(table: Table, suggestion: Suggestion): Promise<void> {
  const work = new UnitOfWork();
  work.add(
    { delete: suggestionKey(suggestion.id) },
    { put: erasedSuggestionToItem(suggestion, newId()), condition: itemMustNotExist },
  );
  await commitSystemWork(table, work, { logger });
}

/** Deletes one item (its own unit: an erasure stopped half-way is finished by running again). */
async function deleteItem(table: Table, item: Pick<Item, 'pk' | 'sk'>): Promise<void> {
  const work = new UnitOfWork();
  work.add({ delete: { pk: item.pk, sk: item.sk } });
  await commitSystemWork(table, work, { logger });
}

/**
 * Erases what the learning community holds about a young person (see the module's TSDoc).
 * The participant collection goes last, so a stopped erasure is finished by running it again.
 *
 * @param table - the table
 * @param youthId - the young person
 * @param stubYouthId - the young person's stub id
 */
export async function eraseLearningData(
  table: Table,
  youthId: string,
  stubYouthId: string,
): Promise<EraseResult> {
  const [items, stories, suggestions] = await Promise.all([
    collectionOf(table, youthId),
    readAllStoriesOfYouth(table, youthId),
    readAllSuggestionsOfYouth(table, youthId),
  ]);
  let anonymised = 0;
  const peerTiesDeleted = await erasePeerTies(table, youthId);
  await forEachLimited(stories, (story) => deleteItem(table, storyKey(story.id)));
  await forEachLimited(suggestions, (suggestion) => eraseSuggestion(table, suggestion));
  const groupIds = items
    .filter((item) => item.sk.startsWith(MEMBERSHIP_PREFIX))
    .map((item) => MembershipEntities.YOUTH.fromItem(item).groupId);
  await forEachLimited(groupIds, async (groupId) => {
    await leaveGroup(table, groupId, youthId);
  });
  const sessionIds = [
    ...new Set(
      items
        .filter((item) => item.sk.startsWith(RECORD_PREFIX))
        .map((item) => AttendanceRecordEntities.YOUTH.fromItem(item).sessionId),
    ),
  ];
  await forEachLimited(sessionIds, async (sessionId) => {
    if (await anonymiseAttendance(table, sessionId, youthId, stubYouthId)) anonymised += 1;
  });
  await forEachLimited(items, (item) => deleteItem(table, item));
  return {
    operation: 'erase',
    deleted: stories.length + suggestions.length + items.length + peerTiesDeleted,
    anonymised,
  };
}

/**
 * The research columns of the learning community: attendance totals at network sessions, and
 * how many work stories each young person wrote and shared (counts, never the text), and
 * how many other young people each is tied to through youth groups (0 when their first tie came
 * after the last day observed; the count as it stands, since the ties keep no day per peer).
 *
 * @param table - the table
 * @param youthIds - the young people
 */
export async function learningEvaluationRows(
  table: Table,
  youthIds: readonly string[],
  until: string,
): Promise<Record<string, Record<string, unknown>>> {
  const [totals, peerTies] = await Promise.all([
    table.batchGet(youthIds.map((id) => attendanceTotalsKey(YOUTH, id))),
    table.batchGet(youthIds.map((id) => sharedKeys.youthPeerTies(id))),
  ]);
  const stories = new Map<string, WorkStory[]>();
  await forEachLimited(youthIds, async (id) => {
    stories.set(id, await readAllStoriesOfYouth(table, id));
  });
  return Object.fromEntries(
    youthIds.map((id, index) => {
      const stored = totals[index];
      const attendance = totalsOf(stored && AttendanceTotalsEntities.YOUTH.fromItem(stored));
      const own = stories.get(id) ?? [];
      const workStories = {
        written: own.length,
        sharedWithGroup: own.filter((story) => story.sharedWithGroupId).length,
        sharedWithCompany: own.filter((story) => story.sharedWithCompanyId).length,
      };
      const tiesItem = peerTies[index];
      const ties = tiesItem && YouthPeerTiesEntity.fromItem(tiesItem);
      const tiedBy = ties?.contactDays[0];
      const youthPeerTies = ties && tiedBy && tiedBy <= until ? ties.peers.length : 0;
      return [id, { attendance, workStories, youthPeerTies }];
    }),
  );
}

/**
 * The learning community's data-subject handler (its own Lambda function in AWS).
 *
 * @param table - the table
 * @param request - the request
 */
export async function handleLearningDataSubject(
  table: Table,
  request: DataSubjectRequest,
): Promise<DataSubjectResult> {
  switch (request.operation) {
    case 'collect':
      return { operation: 'collect', sections: await collectLearningData(table, request.youthId) };
    case 'check':
      return { operation: 'check', blockers: [] };
    case 'erase':
      return eraseLearningData(table, request.youthId, request.stubYouthId);
    case 'evaluationRows':
      return {
        operation: 'evaluationRows',
        rows: await learningEvaluationRows(table, request.youthIds, request.until),
      };
  }
}
