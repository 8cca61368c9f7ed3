import { requireIdentity } from '#kernel/authorisation';
import { requireGroupStaff } from '../domain/access.ts';
import { memberViews } from '../domain/network-group.ts';
import { findNetworkGroup } from '../domain/network-group-queries.ts';
import { sessionsOfGroup } from '../domain/network-session-queries.ts';
import { parsePage } from '../domain/page.ts';
import { storiesSharedWithGroup } from '../domain/work-story-queries.ts';
import type { NetworkGroupResolvers } from '../generated/resolvers-types.ts';

/**
 * `NetworkGroup`: every path that yields a group checks that the caller may see it; the member
 * list is for the municipality's team only.
 */
export const NetworkGroup: NetworkGroupResolvers = {
  __resolveReference: (reference, context) => findNetworkGroup(context, reference.id),
  municipality: (group) => ({ code: group.municipalityCode }),
  facilitator: (group) => ({ id: group.facilitatorId }),
  memberCount: (group) => group.members.length,
  members(group, _args, context) {
    requireGroupStaff(requireIdentity(context), group);
    return memberViews(group);
  },
  sessions: (group, args, context) => sessionsOfGroup(context, group, parsePage(args)),
  sharedStories: (group, args, context) => storiesSharedWithGroup(context, group, parsePage(args)),
};
