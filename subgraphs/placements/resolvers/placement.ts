import { scheduledCheckpoints } from '../domain/checkpoint-schedule.ts';
import { lifecycleTasksOf } from '../domain/lifecycle-queries.ts';
import { feedbackOf, participantTasksOf } from '../domain/participant-task-queries.ts';
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
  lifecycle: (placement) => placement.lifecycle ?? null,
  lifecycleTasks: (placement, _args, context) => lifecycleTasksOf(context, placement),
  followUps: (placement) => placement.followUps ?? [],
  participantTasks: (placement, _args, context) => participantTasksOf(context, placement),
  feedback: (placement, _args, context) => feedbackOf(context, placement),
  checkpoints: (placement) => scheduledCheckpoints(placement, placement.checkpoints),
};

/** `PlacementCheckpoint`: its fields as stored (the notes' rule keeps them from companies). */
export const PlacementCheckpoint: PlacementCheckpointResolvers = {};
