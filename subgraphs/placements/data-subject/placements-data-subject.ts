import {
  type DataSubjectRequest,
  type DataSubjectResult,
  type EraseResult,
  forEachLimited,
} from '#kernel/data-subject';
import { type ItemKey, key, newId, PREFIX } from '#kernel/keys';
import { itemMustNotExist, versionIs } from '#kernel/table/expressions';
import type { Item, Table, TransactAction } from '#kernel/table/table';
import {
  firstContact,
  lastContact,
  tieStrength,
  type YouthCompanyTie,
  youthCompanyTieKey,
} from '#kernel/ties';
import type { LifecycleTask } from '../domain/lifecycle.ts';
import { OPEN_PLACEMENT_STATUSES, type Placement } from '../domain/placement.ts';
import type { PlacementFeedback } from '../domain/placement-feedback.ts';
import { extensionDates } from '../domain/placement-figures.ts';
import {
  IntroductionEntity,
  introductionsOfYouthPartition,
} from '../repository/introduction-entity.ts';
import { InvitationEntity, invitationsOfYouthPartition } from '../repository/invitation-entity.ts';
import { listTasksOfPlacement } from '../repository/lifecycle-task-repository.ts';
import {
  MatchingEventParticipationEntity,
  matchingEventKey,
  participationKey,
  participationsOfYouthPartition,
} from '../repository/matching-event-entity.ts';
import { participantTaskKey } from '../repository/participant-task-entity.ts';
import { listTasksOfYouth } from '../repository/participant-task-repository.ts';
import { placementsOfYouthPartition } from '../repository/placement-entity.ts';
import {
  erasedFeedbackToItem,
  listFeedbackOfYouth,
  placementFeedbackKey,
} from '../repository/placement-feedback-entity.ts';
import { readPlacementsOfYouth } from '../repository/placement-repository.ts';
import { erasedWishToItem, WishEntity, wishesOfYouthPartition } from '../repository/wish-entity.ts';
import { readTiesOfYouth } from '../repository/youth-company-tie-entity.ts';

/**
 * The placements subgraph's part of a young person's rights. It finds everything about a young
 * person through its listings by young person (gsi1: placements, wishes, invitations, the team's
 * introductions, matching event participations), their ties to companies in their own item
 * collection, and each placement's own partition (its lifecycle tasks) — never a scan.
 *
 * Erasure: invitations, introductions, ties, participations, participant tasks and feedback are
 * deleted (wishes and feedback too, each leaving a stub of what their figures count:
 * `erasedWishToItem`, `erasedFeedbackToItem`),
 * and the young person is taken
 * off the matching events' lists. Placements are counted by the programme figures, so each one
 * becomes an anonymous stub under a new random id (`PLACEMENT#<new>` / `ERASED`) that keeps only
 * what the figures count — municipality, dates, status, origin kind, outcome kind and day,
 * follow-up results, extension days — and refers to the young person's stub; no company, contact,
 * plan, notes, reflection, the wish or invitation it came from, or the old ids. Its lifecycle tasks are deleted with it.
 */

/** Stable code of what blocks an erasure: a placement planned or under way. */
export const ERASURE_BLOCKED_OPEN_PLACEMENT = 'OPEN_PLACEMENT';

/** Stable code of what blocks an erasure: a placement whose lifecycle workflow still runs. */
export const ERASURE_BLOCKED_RUNNING_LIFECYCLE = 'RUNNING_LIFECYCLE';

/** The entity name of a placement stub. */
export const ERASED_PLACEMENT_ENTITY = 'ErasedPlacement';

function placementsOf(table: Table, youthId: string): Promise<Placement[]> {
  return readPlacementsOfYouth(table, youthId);
}

function listedBy(table: Table, partition: string): Promise<Item[]> {
  return table.queryAll({ index: 'gsi1', partition });
}

/** A placement as the young person may read it back: without workflow internals. */
function placementForSubject(placement: Placement): Record<string, unknown> {
  const { lifecycle, version: _version, ...rest } = placement;
  return {
    ...rest,
    lifecycle: lifecycle
      ? { status: lifecycle.status, step: lifecycle.step, endedAt: lifecycle.endedAt }
      : null,
  };
}

/**
 * The GraphQL types whose records each section of this subgraph's art. 15 export holds: every
 * type with a field marked personal must be in one subgraph's sections (the coverage test,
 * `tests/unit/personal-data-coverage.test.ts`); value types go with their parent.
 */
export const PLACEMENTS_EXPORT_SECTIONS = {
  placements: ['Placement'],
  lifecycleTasks: ['LifecycleTask'],
  wishes: ['Wish'],
  invitations: ['Invitation'],
  introductions: ['Introduction'],
  companyTies: ['CompanyTie', 'YouthTie'],
  matchingEvents: ['MatchingEventParticipation'],
  participantTasks: ['ParticipantTask'],
  placementFeedback: ['PlacementFeedback'],
} as const satisfies Record<string, readonly string[]>;

/** A tie to a company as the young person may read it back: what it holds, and its strength. */
function tieForSubject(tie: YouthCompanyTie): Record<string, unknown> {
  return {
    companyId: tie.companyId,
    reasons: tie.reasons,
    ways: tie.ways,
    firstContact: firstContact(tie),
    lastContact: lastContact(tie),
    youthInterest: tie.youthInterest,
    companyInterest: tie.companyInterest,
    strength: tieStrength(tie),
  };
}

/** A lifecycle task as the young person may read it back: without the workflow's token. */
function taskForSubject(task: LifecycleTask): Record<string, unknown> {
  const { taskToken: _token, version: _version, ...rest } = task;
  return rest;
}

/** The lifecycle tasks of the young person's placements (one query of each placement). */
async function tasksOf(table: Table, placements: readonly Placement[]): Promise<LifecycleTask[]> {
  const tasks: LifecycleTask[] = [];
  await forEachLimited(placements, async (placement) => {
    tasks.push(...(await listTasksOfPlacement(table, placement.id)));
  });
  return tasks.sort(
    (a, b) => a.placementId.localeCompare(b.placementId) || a.openedAt.localeCompare(b.openedAt),
  );
}

/** Feedback as the young person may read it back: all of it, their words and the company's. */
function feedbackForSubject(feedback: PlacementFeedback): Record<string, unknown> {
  const { version: _v, ...rest } = feedback;
  return rest;
}

/** The keys of the young person's participant tasks, in their own collection. */
async function participantTaskKeys(table: Table, youthId: string): Promise<ItemKey[]> {
  const tasks = await listTasksOfYouth(table, youthId);
  return tasks.map((task) => participantTaskKey(task.youthId, task.id));
}

/**
 * Everything the placements subgraph holds about a young person (GDPR art. 15), in the sections
 * of {@link PLACEMENTS_EXPORT_SECTIONS}.
 *
 * @param table - the table
 * @param youthId - the young person
 */
export async function collectPlacementsData(
  table: Table,
  youthId: string,
): Promise<Record<string, unknown>> {
  const [placements, wishes, invitations, introductions, ties, participations] = await Promise.all([
    placementsOf(table, youthId),
    listedBy(table, wishesOfYouthPartition(youthId)),
    listedBy(table, invitationsOfYouthPartition(youthId)),
    listedBy(table, introductionsOfYouthPartition(youthId)),
    readTiesOfYouth(table, youthId),
    listedBy(table, participationsOfYouthPartition(youthId)),
  ]);
  const [tasks, participantTasks, feedback] = await Promise.all([
    tasksOf(table, placements),
    listTasksOfYouth(table, youthId),
    listFeedbackOfYouth(table, youthId),
  ]);
  const sections: Record<keyof typeof PLACEMENTS_EXPORT_SECTIONS, unknown> = {
    placements: placements.map(placementForSubject),
    lifecycleTasks: tasks.map(taskForSubject),
    wishes: wishes.map(WishEntity.fromItem).map(({ version: _v, ...wish }) => wish),
    invitations: invitations.map(InvitationEntity.fromItem).map(({ version: _v, ...inv }) => inv),
    introductions: introductions
      .map(IntroductionEntity.fromItem)
      .map(({ version: _v, ...introduction }) => introduction),
    companyTies: ties.map(tieForSubject),
    matchingEvents: participations
      .map(MatchingEventParticipationEntity.fromItem)
      .map(({ version: _v, ...participation }) => participation),
    participantTasks: participantTasks.map(({ version: _v, ...task }) => task),
    placementFeedback: feedback.map(feedbackForSubject),
  };
  return sections;
}

/**
 * What blocks erasing the young person now: a placement planned or under way (it holds a place
 * at a company and the figures of a running placement), or a placement whose lifecycle
 * workflow still runs (its follow-ups would act on a placement that is gone). End or interrupt
 * the placement first.
 *
 * @param table - the table
 * @param youthId - the young person
 */
export async function erasureBlockers(table: Table, youthId: string): Promise<string[]> {
  const placements = await placementsOf(table, youthId);
  const blockers = new Set<string>();
  for (const placement of placements) {
    if (OPEN_PLACEMENT_STATUSES.includes(placement.status)) {
      blockers.add(ERASURE_BLOCKED_OPEN_PLACEMENT);
    }
    if (placement.lifecycle?.status === 'RUNNING') blockers.add(ERASURE_BLOCKED_RUNNING_LIFECYCLE);
  }
  return [...blockers].sort();
}

/** The stub of an erased placement (see the module's TSDoc). */
export function erasedPlacementToItem(placement: Placement, stubYouthId: string): Item {
  const id = newId();
  return {
    pk: key(PREFIX.placement, id),
    sk: 'ERASED',
    entity: ERASED_PLACEMENT_ENTITY,
    // Listed under the young person's stub, so a recount can relate placements to enrolment.
    gsi1pk: placementsOfYouthPartition(stubYouthId),
    gsi1sk: `${placement.startDate}#${id}`,
    id,
    youthId: stubYouthId,
    municipalityCode: placement.municipalityCode,
    startDate: placement.startDate,
    endDate: placement.endDate,
    status: placement.status,
    // Its kind only (chosen by the young person or arranged): the fidelity figures count it.
    origin: { kind: placement.origin.kind },
    outcome: placement.outcome
      ? { kind: placement.outcome.kind, date: placement.outcome.date }
      : null,
    followUps: (placement.followUps ?? []).map((followUp) => ({
      step: followUp.step,
      outcomeKind: followUp.outcomeKind,
      dueDate: followUp.dueDate,
      recordedOn: followUp.recordedOn,
      stillThere: followUp.stillThere,
    })),
    // Counted by the extension figures (a final outcome no longer shows an extension).
    extensions: extensionDates(placement).map((date) => ({ date })),
  };
}

const TRANSACTION_LIMIT = 100;

/** Replaces one placement by its stub: the stub written, the placement's partition deleted. */
async function erasePlacement(table: Table, placement: Placement, stubYouthId: string) {
  const own = await table.queryAll({ partition: key(PREFIX.placement, placement.id) });
  const deletes: TransactAction[] = own.map((item) => ({ delete: { pk: item.pk, sk: item.sk } }));
  // Tasks beyond one transaction go first; the placement item goes with its stub.
  const placementSk = key(PREFIX.placement, placement.id);
  const tasks = deletes.filter((d) => 'delete' in d && d.delete.sk !== placementSk);
  for (let start = 0; start < tasks.length; start += TRANSACTION_LIMIT) {
    await table.transact(tasks.slice(start, start + TRANSACTION_LIMIT));
  }
  await table.transact([
    { put: erasedPlacementToItem(placement, stubYouthId), condition: itemMustNotExist },
    {
      delete: { pk: key(PREFIX.placement, placement.id), sk: placementSk },
      condition: versionIs(placement.version),
    },
  ]);
  return tasks.length + 1;
}

/** Takes the young person off a matching event's list, if nobody changed the event meanwhile. */
async function leaveMatchingEvent(table: Table, eventId: string, youthId: string, attempt = 0) {
  const eventKey = matchingEventKey(eventId);
  const event = await table.get(eventKey);
  const actions: TransactAction[] = [{ delete: participationKey(eventId, youthId) }];
  const youthIds = Array.isArray(event?.youthIds) ? event.youthIds.map(String) : [];
  if (event && youthIds.includes(youthId)) {
    actions.push({
      update: eventKey,
      spec: { set: { youthIds: youthIds.filter((id) => id !== youthId) }, add: { version: 1 } },
      condition: versionIs(Number(event.version ?? 0)),
    });
  }
  try {
    await table.transact(actions);
  } catch (error) {
    if (attempt >= 3) throw error;
    await leaveMatchingEvent(table, eventId, youthId, attempt + 1);
  }
}

/**
 * Erases what the placements subgraph holds about a young person (see the module's TSDoc).
 * Running it again finds nothing left and changes nothing.
 *
 * @param table - the table
 * @param youthId - the young person
 * @param stubYouthId - the young person's stub id
 */
export async function erasePlacementsData(
  table: Table,
  youthId: string,
  stubYouthId: string,
): Promise<EraseResult> {
  const [placements, wishes, invitations, introductions, ties, participations] = await Promise.all([
    placementsOf(table, youthId),
    listedBy(table, wishesOfYouthPartition(youthId)),
    listedBy(table, invitationsOfYouthPartition(youthId)),
    listedBy(table, introductionsOfYouthPartition(youthId)),
    readTiesOfYouth(table, youthId),
    listedBy(table, participationsOfYouthPartition(youthId)),
  ]);
  const tieKeys = ties.map((tie) => youthCompanyTieKey(tie.youthId, tie.companyId));
  const [voiceKeys, feedback] = await Promise.all([
    participantTaskKeys(table, youthId),
    listFeedbackOfYouth(table, youthId),
  ]);
  let deleted = 0;
  // Wishes are not among them: each leaves a stub for the wish figures (below).
  const items = [...invitations, ...introductions, ...tieKeys, ...voiceKeys];
  await forEachLimited(items, async (item) => {
    await table.transact([{ delete: { pk: item.pk, sk: item.sk } }]);
    deleted += 1;
  });
  // A wish is counted by the wish figures, so it leaves a stub with only what they count; a
  // stub already there (an erasure run again) is left as it is.
  await forEachLimited(wishes, async (item) => {
    if (item.entity !== WishEntity.name) return;
    const wish = WishEntity.fromItem(item);
    await table.transact([
      { delete: { pk: item.pk, sk: item.sk } },
      { put: erasedWishToItem(wish, stubYouthId, newId()), condition: itemMustNotExist },
    ]);
    deleted += 1;
  });
  // Feedback is counted by the feedback figures: it leaves a stub of its rating, no words.
  await forEachLimited(feedback, async (given) => {
    await table.transact([
      { delete: placementFeedbackKey(given.youthId, given.id) },
      { put: erasedFeedbackToItem(given, stubYouthId, newId()), condition: itemMustNotExist },
    ]);
    deleted += 1;
  });
  await forEachLimited(participations, async (item) => {
    await leaveMatchingEvent(table, String(item.eventId), youthId);
    deleted += 1;
  });
  await forEachLimited(placements, async (placement) => {
    deleted += await erasePlacement(table, placement, stubYouthId);
  });
  return { operation: 'erase', deleted, anonymised: placements.length };
}

/**
 * The research columns of placements for consenting young people: dates, status, outcome kind,
 * origin, weekly hours, the follow-ups' results and the feedback ratings — the company's id only
 * for people to pseudonymise, no contact, plan or notes — and of
 * their ties to companies: each tie's first contact, strength and first placement day, no company.
 *
 * @param table - the table
 * @param youthIds - the young people
 * @param until - the last day observed: feedback given after it is not yet given (null), as
 *   the people subgraph's follow-ups whose day has not come
 */
export async function placementEvaluationRows(
  table: Table,
  youthIds: readonly string[],
  until = '9999-12-31',
): Promise<Record<string, Record<string, unknown>>> {
  const rows: Record<string, Record<string, unknown>> = {};
  await forEachLimited(youthIds, async (youthId) => {
    const [placements, invitationItems, feedback, ties] = await Promise.all([
      placementsOf(table, youthId),
      listedBy(table, invitationsOfYouthPartition(youthId)),
      listFeedbackOfYouth(table, youthId),
      readTiesOfYouth(table, youthId),
    ]);
    // The invitations that answered a wish: a placement from one came from the young person's
    // own choice, answered by the company (a column of its own for the power-shift question).
    const answeringWish = new Set(
      invitationItems
        .map(InvitationEntity.fromItem)
        .filter((invitation) => invitation.wishId)
        .map((invitation) => invitation.id),
    );
    rows[youthId] = {
      // Dates and a code per tie, never the company.
      ties: ties.map((tie) => ({
        firstContact: firstContact(tie),
        strength: tieStrength(tie),
        firstPlacementDay: tie.placementDays[0] ?? null,
      })),
      placements: placements
        .sort((a, b) => (a.startDate < b.startDate ? -1 : 1))
        .map((placement) => ({
          startDate: placement.startDate,
          endDate: placement.endDate,
          status: placement.status,
          outcomeKind: placement.outcome?.kind ?? null,
          outcomeDate: placement.outcome?.date ?? null,
          followUps: (placement.followUps ?? []).map((followUp) => ({
            step: followUp.step,
            outcomeKind: followUp.outcomeKind,
            dueDate: followUp.dueDate,
            stillThere: followUp.stillThere,
          })),
          fromWishAnsweredByCompany: answeringWish.has(placement.origin?.invitationId ?? ''),
          origin: placement.origin.kind,
          weeklyHours: placement.weeklyHours,
          // The id leaves only for people to replace it by a pseudonym before any row is written.
          companyId: placement.companyId,
          feedbackRatings: feedbackRatingsOf(
            feedback.filter(
              (given) => given.placementId === placement.id && given.givenAt.slice(0, 10) <= until,
            ),
          ),
        })),
    };
  });
  return rows;
}

/** A placement's feedback ratings by side and occasion, for research: numbers, never words. */
function feedbackRatingsOf(feedback: readonly PlacementFeedback[]): Record<string, number | null> {
  const rating = (side: string, occasion: string) =>
    feedback.find((given) => given.side === side && given.occasion === occasion)?.rating ?? null;
  return {
    youthMidway: rating('YOUTH', 'MIDWAY'),
    youthEnd: rating('YOUTH', 'END'),
    companyMidway: rating('COMPANY', 'MIDWAY'),
    companyEnd: rating('COMPANY', 'END'),
  };
}

/**
 * The placements subgraph's data-subject handler (its own Lambda function in AWS).
 *
 * @param table - the table
 * @param request - the request
 */
export async function handlePlacementsDataSubject(
  table: Table,
  request: DataSubjectRequest,
): Promise<DataSubjectResult> {
  switch (request.operation) {
    case 'collect':
      return {
        operation: 'collect',
        sections: await collectPlacementsData(table, request.youthId),
      };
    case 'check':
      return { operation: 'check', blockers: await erasureBlockers(table, request.youthId) };
    case 'erase':
      return erasePlacementsData(table, request.youthId, request.stubYouthId);
    case 'evaluationRows':
      return {
        operation: 'evaluationRows',
        rows: await placementEvaluationRows(table, request.youthIds, request.until),
      };
  }
}
