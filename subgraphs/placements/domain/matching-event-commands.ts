import { defineCommand } from '#kernel/command';
import type { SubgraphContext } from '#kernel/context';
import { createItemLoader } from '#kernel/entity-loader';
import { requireVersion, StrangerRuleError } from '#kernel/errors';
import { newId } from '#kernel/keys';
import { danishToday } from '#kernel/today';
import type { UnitOfWork } from '#kernel/unit-of-work';
import {
  MatchingEventEntity,
  MatchingEventParticipationEntity,
} from '../repository/matching-event-entity.ts';
import {
  loadMatchingEvent,
  loadParticipation,
  participationNoteChange,
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
import { youthOfRequest } from './parties-of-request.ts';
import { requireMatchingEventDate } from './placement-date-bounds.ts';
import {
  recallMatchingEvent,
  recallParticipation,
  rememberMatchingEvent,
  rememberParticipation,
} from './placement-results.ts';
import { broken, RULE } from './rules.ts';

/** Checks that every named young person and company exists in the municipality. */
async function requireParticipantsOf(
  context: SubgraphContext,
  municipalityCode: string,
  youthIds: readonly string[],
  companyIds: readonly string[],
): Promise<void> {
  const loader = createItemLoader(context.table);
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

/** Stages the new young participants' parts in an event. */
function stageParticipations(
  work: UnitOfWork,
  event: MatchingEvent,
  youthIds: readonly string[],
): void {
  for (const youthId of youthIds) {
    work.create(MatchingEventParticipationEntity, {
      eventId: event.id,
      eventDate: event.date,
      municipalityCode: event.municipalityCode,
      youthId,
      note: null,
      version: 1,
    });
  }
}

/** An event concerns no one young person: its audit event names its municipality. */
const aboutTheEvent = (event: MatchingEvent) => ({ municipalityCode: event.municipalityCode });

/** Plans a matching event of the caller's own municipality, with its first participants. */
export const createMatchingEventCommand = defineCommand({
  name: 'createMatchingEvent',
  input: CreateMatchingEventInputSchema,
  async execute(context, input, work): Promise<MatchingEvent> {
    requireMatchingEventDate(input.date, danishToday(context.now()));
    await requireParticipantsOf(context, input.municipalityCode, input.youthIds, input.companyIds);
    const event = work.create(MatchingEventEntity, {
      id: newId(context.now().getTime()),
      municipalityCode: input.municipalityCode,
      title: input.title,
      date: input.date,
      place: input.place,
      youthIds: input.youthIds,
      companyIds: input.companyIds,
      createdAt: context.now().toISOString(),
      version: 1,
    });
    stageParticipations(work, event, input.youthIds);
    return event;
  },
  remember: rememberMatchingEvent,
  recall: recallMatchingEvent,
  about: (_input, event) => aboutTheEvent(event),
});

/**
 * Adds young people and companies to an event at the version the client read (the municipal
 * team of its municipality); those already taking part are left as they are.
 */
export const addMatchingEventParticipantsCommand = defineCommand({
  name: 'addMatchingEventParticipants',
  input: AddMatchingEventParticipantsInputSchema,
  async execute(context, input, work): Promise<MatchingEvent> {
    const event = await loadMatchingEvent(context.loader, input.eventId);
    if (!event) throw broken(RULE.MATCHING_EVENT_NOT_FOUND, 'No such event', ['eventId']);
    requireVersion('The matching event', input.expectedVersion, event.version);
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
    await requireParticipantsOf(context, event.municipalityCode, newYouth, newCompanies);
    const changed = work.replace(MatchingEventEntity, event, {
      ...event,
      youthIds: [...event.youthIds, ...newYouth],
      companyIds: [...event.companyIds, ...newCompanies],
    });
    stageParticipations(work, changed, newYouth);
    return changed;
  },
  remember: rememberMatchingEvent,
  recall: recallMatchingEvent,
  about: (_input, event) => aboutTheEvent(event),
});

/**
 * Records a young person's own notes from an event they took part in, at the version of their
 * part the client read: the young person themself, or their municipality's team naming them.
 */
export const recordMatchingEventNoteCommand = defineCommand({
  name: 'recordMatchingEventNote',
  input: RecordMatchingEventNoteInputSchema,
  async execute(context, input, work): Promise<MatchingEventParticipation> {
    const youthId = youthOfRequest(context, input.youthId);
    const participation = await loadParticipation(context.loader, input.eventId, youthId);
    if (!participation) {
      // The event itself is not read, so whether it exists costs nothing to hide: every such
      // attempt is audited alike (another municipality's event among them).
      throw new StrangerRuleError(
        broken(RULE.NOT_A_PARTICIPANT, 'The young person does not take part in this event', [
          'eventId',
        ]),
      );
    }
    requireVersion('The participation', input.expectedVersion, participation.version);
    const { action, stored } = participationNoteChange(participation, input.note);
    work.add(action);
    return stored;
  },
  remember: rememberParticipation,
  recall: recallParticipation,
});
