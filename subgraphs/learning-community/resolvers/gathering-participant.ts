import { requireIdentity } from '#kernel/authorisation';
import { staffVisibleToOwnTeam } from '../domain/united-access.ts';
import type { GatheringParticipantResolvers } from '../generated/resolvers-types.ts';

/** `GatheringParticipant`: the person only to their own municipality's team. */
export const GatheringParticipant: GatheringParticipantResolvers = {
  municipality: (participant) =>
    participant.municipalityCode ? { code: participant.municipalityCode } : null,
  staff: (participant, _args, context) =>
    staffVisibleToOwnTeam(
      requireIdentity(context),
      participant.staffId,
      participant.municipalityCode,
    ),
};
