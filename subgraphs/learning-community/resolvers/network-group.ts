import { memberCompanyIds, memberViews, youthMemberIds } from '../domain/network-group.ts';
import { findNetworkGroup } from '../domain/network-group-queries.ts';
import { sessionsOfGroup } from '../domain/network-session-queries.ts';
import { storiesSharedWithGroup } from '../domain/work-story-queries.ts';
import type { NetworkGroupResolvers } from '../generated/resolvers-types.ts';
import { parsePage } from './arguments.ts';

/**
 * `NetworkGroup`: who may see a group, and its member list, is each field's rule, on every path
 * that yields a group.
 */
export const NetworkGroup: NetworkGroupResolvers = {
  __resolveReference: (reference, context) => findNetworkGroup(context, reference.id),
  municipality: (group) => ({ code: group.municipalityCode }),
  facilitator: (group) => ({ id: group.facilitatorId }),
  memberCount: (group) => group.members.length,
  members: (group) => memberViews(group),
  sessions: (group, args, context) => sessionsOfGroup(context, group, parsePage(args)),
  sharedStories: (group, args, context) => storiesSharedWithGroup(context, group, parsePage(args)),
  memberCompanies: (group) => memberCompanyIds(group).map((id) => ({ id })),
  youthMembers: (group) => youthMemberIds(group).map((id) => ({ id })),
};
