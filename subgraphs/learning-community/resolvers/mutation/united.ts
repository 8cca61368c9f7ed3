import { parseInput } from '#kernel/validation';
import {
  PlanUnitedGatheringInputSchema,
  planUnitedGathering,
  RecordGatheringOutcomesInputSchema,
  RecordTeamTrainingInputSchema,
  recordGatheringOutcomes,
  recordTeamTraining,
  SharePracticeLearningInputSchema,
  sharePracticeLearning,
} from '../../domain/united-commands.ts';
import type { MutationResolvers } from '../../generated/resolvers-types.ts';
import { withUserErrors } from '../payload.ts';

/** Mutations of NEXTWORK United: learnings, gatherings and trainings of new teams. */
export const unitedMutations: Pick<
  MutationResolvers,
  'sharePracticeLearning' | 'planUnitedGathering' | 'recordGatheringOutcomes' | 'recordTeamTraining'
> = {
  async sharePracticeLearning(_parent, args, context) {
    const input = parseInput(SharePracticeLearningInputSchema, args.input);
    const { value, errors } = await withUserErrors(() => sharePracticeLearning(context, input));
    return { learning: value, errors };
  },
  async planUnitedGathering(_parent, args, context) {
    const input = parseInput(PlanUnitedGatheringInputSchema, args.input);
    const { value, errors } = await withUserErrors(() => planUnitedGathering(context, input));
    return { gathering: value, errors };
  },
  async recordGatheringOutcomes(_parent, args, context) {
    const input = parseInput(RecordGatheringOutcomesInputSchema, args.input);
    const { value, errors } = await withUserErrors(() => recordGatheringOutcomes(context, input));
    return { gathering: value, errors };
  },
  async recordTeamTraining(_parent, args, context) {
    const input = parseInput(RecordTeamTrainingInputSchema, args.input);
    const { value, errors } = await withUserErrors(() => recordTeamTraining(context, input));
    return { training: value, errors };
  },
};
