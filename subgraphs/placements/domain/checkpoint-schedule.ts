import {
  CHECKPOINT_STEPS,
  type LifecycleStep,
  STEP_TITLES,
  type StepDates,
  stepDueDate,
} from './lifecycle.ts';
import { LIFECYCLE_CONFIG, type LifecycleConfig } from './lifecycle-config.ts';
import type { Checkpoint, Placement } from './placement.ts';
import { extensionDates } from './placement-figures.ts';
import { broken, RULE } from './rules.ts';

/**
 * A placement's checkpoints are its lifecycle's three talks — the check-in, the midway
 * evaluation and the before-the-end talk — on the lifecycle's one schedule (weeks 2, 6 and 11
 * of the municipality's rhythm, `lifecycle-config.ts`; after an extension the before-the-end
 * talk a fixed number of days before the new end). Before #20 a placement stored a schedule of
 * its own (day 7, the midpoint, the end less 7 days); those stored dates are never shown: the
 * due dates are computed from the schedule whenever a placement is read, and only whether and
 * when a checkpoint was held, and its notes, come from the item. So no migration is needed.
 */

/** The checkpoints' ids, as clients know them, and the lifecycle step each one is. */
export const CHECKPOINT_IDS: Readonly<Record<string, LifecycleStep>> = {
  'cp-1': 'CHECK_IN',
  'cp-2': 'MIDWAY_EVALUATION',
  'cp-3': 'BEFORE_END_TALK',
};

/**
 * The id of the checkpoint that is a lifecycle step.
 *
 * @param step - a checkpoint step of the lifecycle
 */
export function checkpointIdOf(step: LifecycleStep): string {
  const found = Object.entries(CHECKPOINT_IDS).find(([, s]) => s === step);
  if (!found) throw new Error(`${step} is not a checkpoint`);
  return found[0];
}

/**
 * The lifecycle step a checkpoint id names, or `CHECKPOINT_NOT_FOUND`.
 *
 * @param checkpointId - the id sent
 */
export function checkpointStepOf(checkpointId: string): LifecycleStep {
  const step = CHECKPOINT_IDS[checkpointId];
  if (!step) {
    throw broken(RULE.CHECKPOINT_NOT_FOUND, 'The placement has no such checkpoint', [
      'checkpointId',
    ]);
  }
  return step;
}

/** What the schedule needs of a placement: its dates, municipality and extensions. */
export type ScheduledPlacement = StepDates & Pick<Placement, 'extensions' | 'lifecycle'>;

/**
 * A placement's checkpoints on the lifecycle's schedule, in due order, with whether and when
 * each was held as stored.
 *
 * @param placement - the placement (its stored checkpoints, when it has any)
 * @param stored - the checkpoints as stored
 * @param config - the lifecycle configuration
 */
export function scheduledCheckpoints(
  placement: ScheduledPlacement,
  stored: readonly Checkpoint[] = [],
  config: LifecycleConfig = LIFECYCLE_CONFIG,
): Checkpoint[] {
  // The before-the-end talk's round: one more with every extension, as the lifecycle counts.
  const round =
    placement.lifecycle?.round ??
    1 + extensionDates({ extensions: placement.extensions, outcome: placement.outcome }).length;
  return CHECKPOINT_STEPS.map((step) => {
    const id = checkpointIdOf(step);
    const held = stored.find((checkpoint) => checkpoint.id === id);
    return {
      id,
      title: STEP_TITLES[step],
      dueDate: stepDueDate(placement, step, round, config),
      completedOn: held?.completedOn ?? null,
      notes: held?.notes ?? null,
    };
  });
}

/**
 * A placement's checkpoints, on the schedule, with one of them held: what is stored when a
 * checkpoint is held (the stored dates of the old schedule are replaced on the way).
 *
 * @param placement - the placement as read
 * @param step - the checkpoint's lifecycle step
 * @param completedOn - when it was held
 * @param notes - the team's notes
 */
export function withCheckpointHeld(
  placement: Placement,
  step: LifecycleStep,
  completedOn: string,
  notes: string | null,
): Checkpoint[] {
  const id = checkpointIdOf(step);
  return scheduledCheckpoints(placement, placement.checkpoints).map((checkpoint) =>
    checkpoint.id === id ? { ...checkpoint, completedOn, notes } : checkpoint,
  );
}
