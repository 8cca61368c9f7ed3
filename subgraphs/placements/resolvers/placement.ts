import { requireIdentity } from '#kernel/authorisation';
import { ForbiddenError } from '#kernel/errors';
import { followUpsOf, lifecycleOf, lifecycleTasksOf } from '../domain/lifecycle-queries.ts';
import { findPlacement } from '../domain/placement-queries.ts';
import type {
  PlacementCheckpointResolvers,
  PlacementResolvers,
} from '../generated/resolvers-types.ts';

/**
 * `Placement`: for the young person, the host company's contacts and the municipality's team.
 * References to other subgraphs' entities carry the municipality, so their fields here can
 * check access without reading anything.
 */
export const Placement: PlacementResolvers = {
  __resolveReference(reference, context) {
    return findPlacement(context, reference.id);
  },
  youth: (placement) => ({ id: placement.youthId, municipalityCode: placement.municipalityCode }),
  company: (placement) => ({
    id: placement.companyId,
    municipalityCode: placement.municipalityCode,
  }),
  opportunity: (placement) => ({ id: placement.opportunityId }),
  mentor: (placement) => ({ id: placement.mentorContactId }),
  municipality: (placement) => ({ code: placement.municipalityCode }),
  learningReflection(placement, _args, context) {
    if (requireIdentity(context).role === 'COMPANY_CONTACT') {
      throw new ForbiddenError('The learning reflection is for the young person and the team');
    }
    return placement.learningReflection;
  },
  lifecycle: (placement, _args, context) => lifecycleOf(context, placement),
  lifecycleTasks: (placement, _args, context) => lifecycleTasksOf(context, placement),
  followUps: (placement, _args, context) => followUpsOf(context, placement),
};

/** `PlacementCheckpoint`: the team's notes are not for company contacts. */
export const PlacementCheckpoint: PlacementCheckpointResolvers = {
  notes(checkpoint, _args, context) {
    if (requireIdentity(context).role === 'COMPANY_CONTACT') {
      throw new ForbiddenError('The checkpoint notes are for the young person and the team');
    }
    return checkpoint.notes;
  },
};
