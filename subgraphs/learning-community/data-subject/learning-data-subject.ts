import {
  type DataSubjectRequest,
  type DataSubjectResult,
  type EraseResult,
  forEachLimited,
} from '#kernel/data-subject';
import { PREFIX } from '#kernel/keys';
import { versionIs } from '#kernel/table/expressions';
import type { Item, Table } from '#kernel/table/table';
import {
  attendanceRecordFromItem,
  attendanceTotalsFromItem,
  attendanceTotalsKey,
} from '../repository/attendance-entity.ts';
import { groupKey, participantPartition } from '../repository/network-group-entity.ts';
import { sessionKey } from '../repository/network-session-entity.ts';
import { storiesOfYouthQuery, storyFromItem } from '../repository/work-story-entity.ts';

/**
 * The learning community's part of a young person's rights. Everything about a young person is
 * in their participant collection `NETWORK#YOUTH#<id>` (memberships, attendance records and
 * totals) and their work stories (gsi1 by young person); the group and session items that name
 * them are reached from those — never by a scan.
 *
 * Erasure: work stories (their own words) and the participant collection are deleted, and the
 * young person is taken off their groups' member lists. A session's attendance list is what the
 * network figures (sessions held, attendance rate) are counted from, so there the young
 * person's entry is kept under their stub id: the figures and a recount from the sessions agree.
 */

const YOUTH = 'YOUTH';
const RECORD_PREFIX = 'ATTENDANCE#';
const GROUP_PREFIX = `${PREFIX.networkGroup}#`;

function collectionOf(table: Table, youthId: string): Promise<Item[]> {
  return table.queryAll({ partition: participantPartition(YOUTH, youthId) });
}

function storiesOf(table: Table, youthId: string): Promise<Item[]> {
  return table.queryAll(storiesOfYouthQuery(youthId));
}

/**
 * Everything the learning community holds about a young person (GDPR art. 15).
 *
 * @param table - the table
 * @param youthId - the young person
 */
export async function collectLearningData(
  table: Table,
  youthId: string,
): Promise<Record<string, unknown>> {
  const [items, stories] = await Promise.all([
    collectionOf(table, youthId),
    storiesOf(table, youthId),
  ]);
  const totals = items.find((item) => item.sk === attendanceTotalsKey(YOUTH, youthId).sk);
  return {
    groupMemberships: items
      .filter((item) => item.sk.startsWith(GROUP_PREFIX))
      .map((item) => ({ groupId: String(item.groupId), joinedOn: String(item.joinedOn) })),
    attendance: items
      .filter((item) => item.sk.startsWith(RECORD_PREFIX))
      .map(attendanceRecordFromItem),
    attendanceTotals: attendanceTotalsFromItem(totals),
    workStories: stories.map(storyFromItem).map(({ version: _v, ...story }) => story),
  };
}

/** Retries a versioned read-change-write a few times when someone wrote in between. */
async function withRetry(write: () => Promise<void>, attempts = 4): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await write();
      return;
    } catch (error) {
      if (attempt >= attempts) throw error;
    }
  }
}

/** Takes the young person off a group's member list. */
async function leaveGroup(table: Table, groupId: string, youthId: string): Promise<void> {
  await withRetry(async () => {
    const group = await table.get(groupKey(groupId));
    const members = Array.isArray(group?.members)
      ? (group.members as Array<{ memberId: string }>)
      : [];
    if (!group || !members.some((member) => member.memberId === youthId)) return;
    await table.update(
      groupKey(groupId),
      {
        set: { members: members.filter((member) => member.memberId !== youthId) },
        add: { version: 1 },
      },
      versionIs(Number(group.version)),
    );
  });
}

/** Puts the stub id in place of the young person's in a session's attendance list. */
async function anonymiseAttendance(
  table: Table,
  sessionId: string,
  youthId: string,
  stubYouthId: string,
): Promise<boolean> {
  let changed = false;
  await withRetry(async () => {
    const session = await table.get(sessionKey(sessionId));
    const attendance = Array.isArray(session?.attendance)
      ? (session.attendance as Array<{ memberId: string; status: string }>)
      : [];
    if (!session || !attendance.some((entry) => entry.memberId === youthId)) return;
    await table.update(
      sessionKey(sessionId),
      {
        set: {
          attendance: attendance.map((entry) =>
            entry.memberId === youthId ? { ...entry, memberId: stubYouthId } : entry,
          ),
        },
        add: { version: 1 },
      },
      versionIs(Number(session.version)),
    );
    changed = true;
  });
  return changed;
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
  const [items, stories] = await Promise.all([
    collectionOf(table, youthId),
    storiesOf(table, youthId),
  ]);
  let anonymised = 0;
  await forEachLimited(stories, async (story) => {
    await table.transact([{ delete: { pk: story.pk, sk: story.sk } }]);
  });
  const groupIds = items
    .filter((item) => item.sk.startsWith(GROUP_PREFIX))
    .map((item) => String(item.groupId));
  await forEachLimited(groupIds, (groupId) => leaveGroup(table, groupId, youthId));
  const sessionIds = [
    ...new Set(
      items
        .filter((item) => item.sk.startsWith(RECORD_PREFIX))
        .map((item) => String(item.sessionId)),
    ),
  ];
  await forEachLimited(sessionIds, async (sessionId) => {
    if (await anonymiseAttendance(table, sessionId, youthId, stubYouthId)) anonymised += 1;
  });
  await forEachLimited(items, async (item) => {
    await table.transact([{ delete: { pk: item.pk, sk: item.sk } }]);
  });
  return { operation: 'erase', deleted: stories.length + items.length, anonymised };
}

/**
 * The research columns of the learning community: attendance totals at network sessions.
 *
 * @param table - the table
 * @param youthIds - the young people
 */
export async function learningEvaluationRows(
  table: Table,
  youthIds: readonly string[],
): Promise<Record<string, Record<string, unknown>>> {
  const totals = await table.batchGet(youthIds.map((id) => attendanceTotalsKey(YOUTH, id)));
  return Object.fromEntries(
    youthIds.map((id, index) => [id, { attendance: attendanceTotalsFromItem(totals[index]) }]),
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
        rows: await learningEvaluationRows(table, request.youthIds),
      };
  }
}
