import { staffVisibleToOwnTeam } from '../domain/united-queries.ts';
import type { GatheringParticipantResolvers } from '../generated/resolvers-types.ts';

/** `GatheringParticipant`: the person only to their own municipality's team. */
export const GatheringParticipant: GatheringParticipantResolvers = {
  municipality: (participant) =>
    participant.municipalityCode ? { code: participant.municipalityCode } : null,
  staff: (participant, _args, context) =>
    staffVisibleToOwnTeam(context, participant.staffId, participant.municipalityCode),
};
