import type { Connection } from '#kernel/connection';
import type { SubgraphContext } from '#kernel/context';
import type { PageRequest } from '#kernel/listing';
import { isTiedNow } from '#kernel/youth-company-link';
import { loadGroup } from '../repository/network-group-repository.ts';
import {
  listStoriesOfYouth,
  listStoriesSharedWith,
  listStoriesSharedWithCompany,
  loadStory,
} from '../repository/work-story-repository.ts';
import type { NetworkGroup } from './network-group.ts';
import type { WorkStory } from './work-story.ts';

/**
 * Reads of work stories. Who may read a story (the young person, their team, the group it is
 * shared with) is the rule of each field of `WorkStory` (`authorisation-rules.ts`); these only
 * read.
 */

/** A story by id; null when none exists. */
export async function findWorkStory(
  context: SubgraphContext,
  storyId: string,
): Promise<WorkStory | null> {
  return (await loadStory(context.loader, storyId)) ?? null;
}

/** One page of a young person's stories, newest first. */
export function storiesOfYouth(
  context: SubgraphContext,
  youthId: string,
  page: PageRequest,
): Promise<Connection<WorkStory>> {
  return listStoriesOfYouth(context, youthId, page);
}

/** One page of the stories shared with a group, newest first. */
export function storiesSharedWithGroup(
  context: SubgraphContext,
  group: NetworkGroup,
  page: PageRequest,
): Promise<Connection<WorkStory>> {
  return listStoriesSharedWith(context, group.id, page);
}

/**
 * One page of the stories shared with a company, newest first: only those of young people the
 * company is tied to now (one batched read of their links for the page), so a story leaves the
 * company's listing when the placement ends, as its fields' rule refuses it then. The page may
 * hold fewer stories than asked for; its cursor still resumes after the last one read.
 */
export async function storiesSharedWithCompany(
  context: SubgraphContext,
  companyId: string,
  page: PageRequest,
): Promise<Connection<WorkStory>> {
  const listed = await listStoriesSharedWithCompany(context, companyId, page);
  const tied = await Promise.all(
    listed.edges.map((edge) => isTiedNow(context, edge.node.youthId, companyId)),
  );
  return { ...listed, edges: listed.edges.filter((_edge, index) => tied[index]) };
}

/** The company a story is shared with; null while it is shared with none. */
export function sharedCompanyOf(story: WorkStory): { id: string } | null {
  return story.sharedWithCompanyId ? { id: story.sharedWithCompanyId } : null;
}

/** The team member who helped write a story, if one did. */
export function writtenWithOf(story: WorkStory): { id: string } | null {
  return story.writtenWithStaffId ? { id: story.writtenWithStaffId } : null;
}

/** The group a story is shared with; null while it is private. */
export async function sharedGroupOf(
  context: SubgraphContext,
  story: WorkStory,
): Promise<NetworkGroup | null> {
  if (!story.sharedWithGroupId) return null;
  return (await loadGroup(context.loader, story.sharedWithGroupId)) ?? null;
}
