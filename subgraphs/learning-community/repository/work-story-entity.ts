import { defineEntity } from '#kernel/entity';
import { type ItemKey, key, PREFIX } from '#kernel/keys';
import { type WorkStory, WorkStorySchema } from '../domain/work-story.ts';
import { LC_PREFIX } from './prefixes.ts';

/** Primary key of a work story's item. */
export function storyKey(storyId: string): ItemKey {
  return { pk: key(LC_PREFIX.story, storyId), sk: key(LC_PREFIX.story, storyId) };
}

/** Index partition (gsi1) of a young person's stories, by creation. */
function storiesOfYouthPartition(youthId: string): string {
  return key(LC_PREFIX.story, PREFIX.youth, youthId);
}

/** Index partition (gsi2) of the stories shared with a group; only shared stories are in it. */
function storiesSharedWithPartition(groupId: string): string {
  return key(LC_PREFIX.story, PREFIX.networkGroup, groupId);
}

/** Index partition (gsi3) of the stories shared with a company; only those are in it. */
function storiesSharedWithCompanyPartition(companyId: string): string {
  return key(LC_PREFIX.story, PREFIX.company, companyId);
}

/**
 * A young person's work story, listed per young person on gsi1. A private story has no gsi2
 * or gsi3 keys, so it is absent from every group's and company's listing by construction, not
 * by a filter; sharing it, or making it private again, moves it in or out of the listing.
 */
export const WorkStoryEntity = defineEntity<WorkStory>({
  name: 'WorkStory',
  schema: WorkStorySchema,
  key: (story) => storyKey(story.id),
  indexes: {
    gsi1: (story) => ({
      pk: storiesOfYouthPartition(story.youthId),
      sk: key(story.createdAt, story.id),
    }),
    gsi2: (story) =>
      story.sharedWithGroupId
        ? {
            pk: storiesSharedWithPartition(story.sharedWithGroupId),
            sk: key(story.createdAt, story.id),
          }
        : undefined,
    gsi3: (story) =>
      story.sharedWithCompanyId
        ? {
            pk: storiesSharedWithCompanyPartition(story.sharedWithCompanyId),
            sk: key(story.createdAt, story.id),
          }
        : undefined,
  },
});

/** The listing of a young person's stories, newest first. */
export function storiesOfYouthQuery(youthId: string) {
  return { index: 'gsi1' as const, partition: storiesOfYouthPartition(youthId), forward: false };
}

/** The listing of the stories shared with a group, newest first. */
export function storiesSharedWithQuery(groupId: string) {
  return { index: 'gsi2' as const, partition: storiesSharedWithPartition(groupId), forward: false };
}

/** The listing of the stories shared with a company, newest first. */
export function storiesSharedWithCompanyQuery(companyId: string) {
  return {
    index: 'gsi3' as const,
    partition: storiesSharedWithCompanyPartition(companyId),
    forward: false,
  };
}
