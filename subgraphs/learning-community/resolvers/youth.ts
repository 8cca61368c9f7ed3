import { groupsOfParticipant } from '../domain/network-group-queries.ts';
import { parsePage } from '../domain/page.ts';
import { attendanceOfYouth, authorisedYouth } from '../domain/participant-queries.ts';
import { storiesOfYouth } from '../domain/work-story-queries.ts';
import type { YouthResolvers } from '../generated/resolvers-types.ts';

/**
 * `Youth`: the learning community's fields of a young person, for the young person themself and
 * their municipality's team. The reference is refused to anyone else, and so is every field.
 */
export const Youth: YouthResolvers = {
  __resolveReference: (reference, context) => authorisedYouth(context, { id: reference.id }),
  async networkGroups(youth, _args, context) {
    const allowed = await authorisedYouth(context, youth);
    return groupsOfParticipant(context, 'YOUTH', allowed.id);
  },
  attendance: (youth, _args, context) => attendanceOfYouth(context, youth),
  workStories: (youth, args, context) => storiesOfYouth(context, youth, parsePage(args)),
};
