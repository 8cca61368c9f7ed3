import { sharedCompanyOf, sharedGroupOf, writtenWithOf } from '../domain/work-story-queries.ts';
import type { WorkStoryResolvers } from '../generated/resolvers-types.ts';

/** `WorkStory`: who may read each field, on every path to a story, is its rule. */
export const WorkStory: WorkStoryResolvers = {
  youth: (story) => ({ id: story.youthId, municipalityCode: story.municipalityCode }),
  placement: (story) => (story.placementId ? { id: story.placementId } : null),
  writtenWith: (story) => writtenWithOf(story),
  sharedWithGroup: (story, _args, context) => sharedGroupOf(context, story),
  sharedWithCompany: (story) => sharedCompanyOf(story),
};
