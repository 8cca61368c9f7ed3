import { groupsOfYouth } from '../domain/network-group-queries.ts';
import { attendanceOfYouth, youthReference } from '../domain/participant-queries.ts';
import { storiesOfYouth } from '../domain/work-story-queries.ts';
import type { YouthResolvers } from '../generated/resolvers-types.ts';
import { peerTieCountOf } from '../repository/youth-group-ties-repository.ts';
import { parsePage } from './arguments.ts';

/**
 * `Youth`: the learning community's fields of a young person, for the young person themself and
 * their municipality's team (the rules of the reference and of every field).
 */
export const Youth: YouthResolvers = {
  __resolveReference: (reference, context) => youthReference(context, reference.id),
  networkGroups: (youth, _args, context) => groupsOfYouth(context, youth.id),
  attendance: (youth, _args, context) => attendanceOfYouth(context, youth),
  workStories: (youth, args, context) => storiesOfYouth(context, youth.id, parsePage(args)),
  peerTieCount: (youth, _args, context) => peerTieCountOf(context.loader, youth.id),
};
