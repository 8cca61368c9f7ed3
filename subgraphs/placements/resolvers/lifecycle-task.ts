import { STEP_TITLES } from '../domain/lifecycle.ts';
import { findPlacement } from '../domain/placement-queries.ts';
import type {
  LifecycleTaskResolvers,
  PlacementFollowUpResolvers,
  PlacementLifecycleResolvers,
} from '../generated/resolvers-types.ts';

/** `LifecycleTask`: a talk or decision of a placement's lifecycle, for its municipality's team. */
export const LifecycleTask: LifecycleTaskResolvers = {
  placement: async (task, _args, context) => {
    const placement = await findPlacement(context, task.placementId);
    if (!placement) throw new Error('A lifecycle task without its placement');
    return placement;
  },
  title: (task) => STEP_TITLES[task.step],
  assignee: (task) => ({ id: task.assigneeStaffId }),
  escalated: (task) => task.escalations > 0,
};

/** `PlacementLifecycle`: where a placement's lifecycle stands (checked on `Placement`). */
export const PlacementLifecycle: PlacementLifecycleResolvers = {
  // Records from before restarts were counted have none.
  restarts: (lifecycle) => lifecycle.restarts ?? 0,
};

/** `PlacementFollowUp`: a retention follow-up (checked on `Placement`). */
export const PlacementFollowUp: PlacementFollowUpResolvers = {};
