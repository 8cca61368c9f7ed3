import { sharedGroupOf, writtenWithOf } from '../domain/work-story-queries.ts';
import type { WorkStoryResolvers } from '../generated/resolvers-types.ts';

/** `WorkStory`: every path to a story checks the reader; who helped is not for the group. */
export const WorkStory: WorkStoryResolvers = {
  youth: (story) => ({ id: story.youthId, municipalityCode: story.municipalityCode }),
  placement: (story) => (story.placementId ? { id: story.placementId } : null),
  writtenWith: (story, _args, context) => writtenWithOf(context, story),
  sharedWithGroup: (story, _args, context) => sharedGroupOf(context, story),
};
