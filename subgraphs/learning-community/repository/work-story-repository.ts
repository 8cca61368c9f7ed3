import type { Connection } from '#kernel/connection';
import type { CursorCodec } from '#kernel/cursor';
import type { ItemLoader } from '#kernel/entity-loader';
import { itemMustNotExist, versionIs } from '#kernel/table/expressions';
import type { Table } from '#kernel/table/table';
import type { WorkStory } from '../domain/work-story.ts';
import { type PageRequest, queryConnection } from './paging.ts';
import {
  storiesOfYouthQuery,
  storiesSharedWithQuery,
  storyFromItem,
  storyKey,
  storyToItem,
} from './work-story-entity.ts';

/** Stories by id through the request's batching loader; undefined where none exists. */
export async function loadStories(
  loader: ItemLoader,
  storyIds: readonly string[],
): Promise<Array<WorkStory | undefined>> {
  const items = await loader.loadMany(storyIds.map(storyKey));
  return items.map((item) => {
    if (item instanceof Error) throw item;
    return item ? storyFromItem(item) : undefined;
  });
}

/** One story, read strongly consistent (before a versioned write). */
export async function getStory(table: Table, storyId: string): Promise<WorkStory | undefined> {
  const item = await table.get(storyKey(storyId));
  return item ? storyFromItem(item) : undefined;
}

/** Stores a new story. */
export async function createStory(table: Table, story: WorkStory): Promise<void> {
  await table.put(storyToItem(story), itemMustNotExist);
}

/** Stores a changed story if nobody changed it since it was read (else `CONFLICT`). */
export async function saveStory(table: Table, before: WorkStory, after: WorkStory): Promise<void> {
  await table.put(storyToItem(after), versionIs(before.version));
}

/** One page of a young person's stories, newest first. */
export function listStoriesOfYouth(
  table: Table,
  cursors: CursorCodec,
  youthId: string,
  page: PageRequest,
): Promise<Connection<WorkStory>> {
  return queryConnection(table, cursors, storiesOfYouthQuery(youthId), page, storyFromItem);
}

/** One page of the stories shared with a group, newest first. */
export function listStoriesSharedWith(
  table: Table,
  cursors: CursorCodec,
  groupId: string,
  page: PageRequest,
): Promise<Connection<WorkStory>> {
  return queryConnection(table, cursors, storiesSharedWithQuery(groupId), page, storyFromItem);
}
