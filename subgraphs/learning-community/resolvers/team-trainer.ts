import { requireIdentity } from '#kernel/authorisation';
import { staffVisibleToOwnTeam } from '../domain/united-access.ts';
import type { TeamTrainerResolvers } from '../generated/resolvers-types.ts';

/** `TeamTrainer`: the trainer's municipality, and the person only to their own team. */
export const TeamTrainer: TeamTrainerResolvers = {
  municipality: (trainer) => ({ code: trainer.municipalityCode }),
  staff: (trainer, _args, context) =>
    staffVisibleToOwnTeam(requireIdentity(context), trainer.staffId, trainer.municipalityCode),
};
