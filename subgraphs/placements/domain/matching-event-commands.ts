import { requireIdentity, requireStaffOf } from '#kernel/authorisation';
import type { SubgraphContext } from '#kernel/context';
import { createItemLoader, type ItemLoader } from '#kernel/entity-loader';
import { BadUserInputError, ForbiddenError } from '#kernel/errors';
import { isStaffRole } from '#kernel/identity';
import { newId } from '#kernel/keys';
import { parseInput } from '#kernel/validation';
import {
  matchingEventWriteActions,
  readMatchingEvent,
  readParticipation,
  saveParticipationNote,
} from '../repository/matching-event-repository.ts';
import { loadCompanyFacts, loadYouthFacts } from '../repository/shared-items.ts';
import {
  AddMatchingEventParticipantsInputSchema,
  CreateMatchingEventInputSchema,
  MAX_PARTICIPANTS_PER_EVENT,
  type MatchingEvent,
  type MatchingEventParticipation,
  RecordMatchingEventNoteInputSchema,
} from './matching-event.ts';
import { withConflictRetries } from './retry.ts';
import { broken, RULE } from './rules.ts';

/** Checks that every named young person and company exists in the municipality. */
async function requireParticipantsOf(
  loader: ItemLoader,
  municipalityCode: string,
  youthIds: readonly string[],
  companyIds: readonly string[],
): Promise<void> {
  const [youth, companies] = await Promise.all([
    loadYouthFacts(loader, youthIds),
    loadCompanyFacts(loader, companyIds),
  ]);
  youth.forEach((facts, i) => {
    if (facts?.municipalityCode !== municipalityCode) {
      throw broken(RULE.YOUTH_NOT_FOUND, 'No such young person in the municipality', [
        'youthIds',
        String(i),
      ]);
    }
  });
  companies.forEach((facts, i) => {
    if (facts?.municipalityCode !== municipalityCode) {
      throw broken(RULE.COMPANY_NOT_FOUND, 'No such company in the municipality', [
        'companyIds',
        String(i),
      ]);
    }
  });
}

/**
 * Plans a matching event of the caller's own municipality, with its first participants.
 *
 * @param context - the request's context
 * @param rawInput - the mutation's input
 */
export async function createMatchingEvent(
  context: SubgraphContext,
  rawInput: unknown,
): Promise<MatchingEvent> {
  const identity = requireIdentity(context);
  const input = parseInput(CreateMatchingEventInputSchema, rawInput);
  requireStaffOf(identity, input.municipalityCode);
  await requireParticipantsOf(
    createItemLoader(context.table),
    input.municipalityCode,
    input.youthIds,
    input.companyIds,
  );
  const { actions, stored } = matchingEventWriteActions(
    null,
    {
      id: newId(context.now().getTime()),
      municipalityCode: input.municipalityCode,
      title: input.title,
      date: input.date,
      place: input.place,
      youthIds: input.youthIds,
      companyIds: input.companyIds,
      createdAt: context.now().toISOString(),
      version: 0,
    },
    input.youthIds,
  );
  await context.table.transact(actions);
  return stored;
}

/**
 * Adds young people and companies to an event (municipal team of its municipality); those
 * already taking part are left as they are.
 *
 * @param context - the request's context
 * @param rawInput - the mutation's input
 */
export async function addMatchingEventParticipants(
  context: SubgraphContext,
  rawInput: unknown,
): Promise<MatchingEvent> {
  const identity = requireIdentity(context);
  const input = parseInput(AddMatchingEventParticipantsInputSchema, rawInput);
  if (!isStaffRole(identity.role)) throw new ForbiddenError('Only the municipal team may do this');
  return withConflictRetries(async () => {
    const event = await readMatchingEvent(context.table, input.eventId);
    if (!event) throw broken(RULE.MATCHING_EVENT_NOT_FOUND, 'No such event', ['eventId']);
    requireStaffOf(identity, event.municipalityCode);
    const newYouth = input.youthIds.filter((id) => !event.youthIds.includes(id));
    const newCompanies = input.companyIds.filter((id) => !event.companyIds.includes(id));
    if (
      event.youthIds.length + newYouth.length > MAX_PARTICIPANTS_PER_EVENT ||
      event.companyIds.length + newCompanies.length > MAX_PARTICIPANTS_PER_EVENT
    ) {
      throw broken(
        RULE.TOO_MANY_PARTICIPANTS,
        `An event holds at most ${MAX_PARTICIPANTS_PER_EVENT} young people and as many companies`,
      );
    }
    await requireParticipantsOf(
      createItemLoader(context.table),
      event.municipalityCode,
      newYouth,
      newCompanies,
    );
    const { actions, stored } = matchingEventWriteActions(
      event,
      {
        ...event,
        youthIds: [...event.youthIds, ...newYouth],
        companyIds: [...event.companyIds, ...newCompanies],
      },
      newYouth,
    );
    await context.table.transact(actions);
    return stored;
  });
}

/**
 * Records a young person's own notes from an event they took part in: the young person
 * themself, or their municipality's team on their behalf.
 *
 * @param context - the request's context
 * @param rawInput - the mutation's input
 */
export async function recordMatchingEventNote(
  context: SubgraphContext,
  rawInput: unknown,
): Promise<MatchingEventParticipation> {
  const identity = requireIdentity(context);
  const input = parseInput(RecordMatchingEventNoteInputSchema, rawInput);
  let youthId: string;
  if (identity.role === 'YOUTH') {
    if (input.youthId && input.youthId !== identity.youthId) {
      throw new ForbiddenError("Another young person's notes are not yours to write");
    }
    youthId = identity.youthId;
  } else if (isStaffRole(identity.role)) {
    if (!input.youthId) {
      throw new BadUserInputError('Invalid input: youthId: the team must name the young person', [
        { path: 'youthId', message: 'the team must name the young person' },
      ]);
    }
    youthId = input.youthId;
  } else {
    throw new ForbiddenError('Notes are the young person’s own');
  }
  const participation = await readParticipation(context.table, input.eventId, youthId);
  if (!participation) {
    throw broken(RULE.NOT_A_PARTICIPANT, 'The young person does not take part in this event', [
      'eventId',
    ]);
  }
  if (identity.role !== 'YOUTH') requireStaffOf(identity, participation.municipalityCode);
  return saveParticipationNote(context.table, participation, input.note);
}
