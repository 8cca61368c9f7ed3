import { parseInput } from '#kernel/validation';
import {
  ShareWorkStoryInputSchema,
  shareWorkStory,
  UpdateWorkStoryInputSchema,
  updateWorkStory,
  WriteWorkStoryInputSchema,
  writeWorkStory,
} from '../../domain/work-story-commands.ts';
import type { MutationResolvers } from '../../generated/resolvers-types.ts';
import { withUserErrors } from '../payload.ts';

/** Mutations of work stories. */
export const workStoryMutations: Pick<
  MutationResolvers,
  'writeWorkStory' | 'updateWorkStory' | 'shareWorkStory'
> = {
  async writeWorkStory(_parent, args, context) {
    const input = parseInput(WriteWorkStoryInputSchema, args.input);
    const { value, errors } = await withUserErrors(() => writeWorkStory(context, input));
    return { story: value, errors };
  },
  async updateWorkStory(_parent, args, context) {
    const input = parseInput(UpdateWorkStoryInputSchema, args.input);
    const { value, errors } = await withUserErrors(() => updateWorkStory(context, input));
    return { story: value, errors };
  },
  async shareWorkStory(_parent, args, context) {
    const input = parseInput(ShareWorkStoryInputSchema, args.input);
    const { value, errors } = await withUserErrors(() => shareWorkStory(context, input));
    return { story: value, errors };
  },
};
