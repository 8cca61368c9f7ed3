import { commitSystemWork } from '#kernel/command';
import type { Connection } from '#kernel/connection';
import type { ItemLoader } from '#kernel/entity-loader';
import type { ListingReader, PageRequest } from '#kernel/listing';
import { logger } from '#kernel/logger';
import type { Table } from '#kernel/table/table';
import { UnitOfWork } from '#kernel/unit-of-work';
import type { WorkStory } from '../domain/work-story.ts';
import {
  storiesOfYouthQuery,
  storiesSharedWithCompanyQuery,
  storiesSharedWithQuery,
  storyKey,
  WorkStoryEntity,
} from './work-story-entity.ts';

/** Stories by id through the request's batching loader; undefined where none exists. */
export function loadStories(
  loader: ItemLoader,
  storyIds: readonly string[],
): Promise<Array<WorkStory | undefined>> {
  return WorkStoryEntity.load(loader, storyIds.map(storyKey));
}

/** One story through the request's batching loader. */
export function loadStory(loader: ItemLoader, storyId: string): Promise<WorkStory | undefined> {
  return WorkStoryEntity.loadOne(loader, storyKey(storyId));
}

/** Every story of a young person (their data-subject requests: a small partition). */
export function readAllStoriesOfYouth(table: Table, youthId: string): Promise<WorkStory[]> {
  return WorkStoryEntity.readAll(table, storiesOfYouthQuery(youthId));
}

/** One page of a young person's stories, newest first. */
export function listStoriesOfYouth(
  reader: ListingReader,
  youthId: string,
  page: PageRequest,
): Promise<Connection<WorkStory>> {
  return WorkStoryEntity.page(reader, { query: storiesOfYouthQuery(youthId) }, page);
}

/** One page of the stories shared with a group, newest first. */
export function listStoriesSharedWith(
  reader: ListingReader,
  groupId: string,
  page: PageRequest,
): Promise<Connection<WorkStory>> {
  return WorkStoryEntity.page(reader, { query: storiesSharedWithQuery(groupId) }, page);
}

/**
 * One page of the stories shared with a company, newest first, whether or not the company is
 * still tied to each young person (the caller's rule decides that).
 */
export function listStoriesSharedWithCompany(
  reader: ListingReader,
  companyId: string,
  page: PageRequest,
): Promise<Connection<WorkStory>> {
  return WorkStoryEntity.page(reader, { query: storiesSharedWithCompanyQuery(companyId) }, page);
}

/**
 * Stores a story outside a client's request (fixtures and seeding), through the kernel's one
 * write path: it must not exist yet.
 *
 * @param table - the table
 * @param story - the story
 */
export async function createStory(table: Table, story: WorkStory): Promise<void> {
  const work = new UnitOfWork();
  work.create(WorkStoryEntity, story);
  await commitSystemWork(table, work, { logger });
}
