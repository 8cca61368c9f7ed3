import { isStaffOf, requireIdentity } from '#kernel/authorisation';
import type { Connection } from '#kernel/connection';
import type { SubgraphContext } from '#kernel/context';
import { ForbiddenError } from '#kernel/errors';
import type { Identity } from '#kernel/identity';
import { loadGroups } from '../repository/network-group-repository.ts';
import type { PageRequest } from '../repository/paging.ts';
import {
  listStoriesOfYouth,
  listStoriesSharedWith,
  loadStories,
} from '../repository/work-story-repository.ts';
import { canSeeGroup, requireGroupVisible } from './access.ts';
import type { NetworkGroup } from './network-group.ts';
import { authorisedYouth } from './participant-queries.ts';
import type { YouthRef } from './references.ts';
import type { WorkStory } from './work-story.ts';

/** Whether the caller is the young person of the story or on their municipality's team. */
function isOwnerOrTeam(identity: Identity, story: WorkStory): boolean {
  if (identity.role === 'YOUTH') return identity.youthId === story.youthId;
  return isStaffOf(identity, story.municipalityCode);
}

/**
 * A story by id: for the young person, their team, and the members of the group it is shared
 * with; a private story is `FORBIDDEN` to everyone else. Null when none exists.
 */
export async function findWorkStory(
  context: SubgraphContext,
  storyId: string,
): Promise<WorkStory | null> {
  const identity = requireIdentity(context);
  const [story] = await loadStories(context.loader, [storyId]);
  if (!story) return null;
  if (isOwnerOrTeam(identity, story)) return story;
  if (story.sharedWithGroupId && identity.role === 'YOUTH') {
    const [group] = await loadGroups(context.loader, [story.sharedWithGroupId]);
    if (group && canSeeGroup(identity, group)) return story;
  }
  throw new ForbiddenError('This work story is not shared with you');
}

/** One page of a young person's stories, for them and their team. */
export async function storiesOfYouth(
  context: SubgraphContext,
  youth: YouthRef,
  page: PageRequest,
): Promise<Connection<WorkStory>> {
  const allowed = await authorisedYouth(context, youth);
  return listStoriesOfYouth(context.table, context.cursors, allowed.id, page);
}

/** One page of the stories shared with a group, for whoever may see the group. */
export function storiesSharedWithGroup(
  context: SubgraphContext,
  group: NetworkGroup,
  page: PageRequest,
): Promise<Connection<WorkStory>> {
  requireGroupVisible(requireIdentity(context), group);
  return listStoriesSharedWith(context.table, context.cursors, group.id, page);
}

/** The team member who helped write a story: for the young person and their team. */
export function writtenWithOf(context: SubgraphContext, story: WorkStory): { id: string } | null {
  if (!isOwnerOrTeam(requireIdentity(context), story)) {
    throw new ForbiddenError('Only the young person and their team see who helped');
  }
  return story.writtenWithStaffId ? { id: story.writtenWithStaffId } : null;
}

/** The group a story is shared with, for whoever may see that group. */
export async function sharedGroupOf(
  context: SubgraphContext,
  story: WorkStory,
): Promise<NetworkGroup | null> {
  if (!story.sharedWithGroupId) return null;
  const [group] = await loadGroups(context.loader, [story.sharedWithGroupId]);
  if (!group) return null;
  return requireGroupVisible(requireIdentity(context), group);
}
