import { eventOfParticipation, youthOfMatchingEvent } from '../domain/matching-event-queries.ts';
import type {
  MatchingEventParticipationResolvers,
  MatchingEventResolvers,
} from '../generated/resolvers-types.ts';

/** `MatchingEvent`: for its team, its young people and its companies' contacts. */
export const MatchingEvent: MatchingEventResolvers = {
  municipality: (event) => ({ code: event.municipalityCode }),
  companies: (event) =>
    event.companyIds.map((id) => ({ id, municipalityCode: event.municipalityCode })),
  youth: (event) => youthOfMatchingEvent(event),
};

/** `MatchingEventParticipation`: a young person's part in an event, with their own notes. */
export const MatchingEventParticipation: MatchingEventParticipationResolvers = {
  event: (participation, _args, context) => eventOfParticipation(context, participation),
  youth: (participation) => ({
    id: participation.youthId,
    municipalityCode: participation.municipalityCode,
  }),
};
