import { type ItemKey, key, PREFIX } from '#kernel/keys';
import type { Item } from '#kernel/table/table';
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

/**
 * The stored item of a story. A private story carries no gsi2 keys, so it is absent from every
 * group's listing by construction, not by a filter.
 */
export function storyToItem(story: WorkStory): Item {
  return {
    ...storyKey(story.id),
    entity: 'WorkStory',
    gsi1pk: storiesOfYouthPartition(story.youthId),
    gsi1sk: key(story.createdAt, story.id),
    ...(story.sharedWithGroupId
      ? {
          gsi2pk: storiesSharedWithPartition(story.sharedWithGroupId),
          gsi2sk: key(story.createdAt, story.id),
        }
      : {}),
    ...story,
  };
}

/** A story from its stored item. */
export function storyFromItem(item: Item): WorkStory {
  return WorkStorySchema.parse(item);
}

/** The query of a young person's stories, newest first. */
export function storiesOfYouthQuery(youthId: string) {
  return { index: 'gsi1' as const, partition: storiesOfYouthPartition(youthId), forward: false };
}

/** The query of the stories shared with a group, newest first. */
export function storiesSharedWithQuery(groupId: string) {
  return { index: 'gsi2' as const, partition: storiesSharedWithPartition(groupId), forward: false };
}
