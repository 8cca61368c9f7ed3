import type { TeamTrainingResolvers } from '../generated/resolvers-types.ts';

/** `TeamTraining`: the training of a new team. */
export const TeamTraining: TeamTrainingResolvers = {
  trainedMunicipality: (training) => ({ code: training.trainedMunicipalityCode }),
};
