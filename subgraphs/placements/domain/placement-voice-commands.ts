import * as z from 'zod';
import { defineCommand } from '#kernel/command';
import type { SubgraphContext } from '#kernel/context';
import { textSchema } from '#kernel/validation';
import { PlacementChangeInputSchema } from './command-inputs.ts';
import { OPEN_PLACEMENT_STATUSES, type Placement, type PlacementPlan } from './placement.ts';
import { readPlacementToChange, stagePlacementChange } from './placement-change.ts';
import { recallPlacement, rememberPlacement } from './placement-results.ts';
import { broken, RULE } from './rules.ts';

/**
 * The young person's own voice in their placement ("magtskifte"): their reflection when it was
 * interrupted, and the goals of their plan. Both go through the placement's one change path
 * (`stagePlacementChange`) at the version the client read.
 */

/** The longest reflection a young person may write, as the SDL's `@text` states it too. */
export const MAX_YOUTH_REFLECTION_LENGTH = 4000;

/** The young person's reflection, as validated at the edge. */
export const WriteMyReflectionInputSchema = PlacementChangeInputSchema.extend({
  text: textSchema().pipe(
    z
      .string()
      .max(
        MAX_YOUTH_REFLECTION_LENGTH,
        `must be at most ${MAX_YOUTH_REFLECTION_LENGTH} characters`,
      ),
  ),
});

const lines = (most: number) => z.array(textSchema()).max(most, `must hold at most ${most}`);

/** A change of a placement's plan: the parts sent are replaced, the others kept. */
export const UpdatePlacementPlanInputSchema = PlacementChangeInputSchema.extend({
  goals: lines(10).min(1, 'must hold at least one goal').nullish(),
  tasks: lines(20).nullish(),
  support: lines(10).nullish(),
}).refine((input) => input.goals != null || input.tasks != null || input.support != null, {
  message: 'give goals, tasks or support',
  path: ['goals'],
});

/** A change of a placement's plan. */
export type UpdatePlacementPlanInput = z.infer<typeof UpdatePlacementPlanInputSchema>;

/**
 * The young person writes (or rewrites) their own reflection on their interrupted placement.
 * Editable rather than once: a reflection is often finished days later, and each edit is at the
 * version read (`CONFLICT` otherwise) and audited, so nothing is lost silently. The mutation's
 * rule admits the young person whose placement it is only.
 */
export const writeMyReflectionCommand = defineCommand({
  name: 'writeMyReflection',
  input: WriteMyReflectionInputSchema,
  async execute(context, input, work): Promise<Placement> {
    const before = await readPlacementToChange(context, input.placementId, input.expectedVersion);
    if (before.status !== 'INTERRUPTED') {
      throw broken(
        RULE.PLACEMENT_NOT_INTERRUPTED,
        'A reflection of your own is written on an interrupted placement',
        ['placementId'],
      );
    }
    const after: Placement = {
      ...before,
      youthReflection: { text: input.text, writtenAt: context.now().toISOString() },
    };
    return stagePlacementChange(context, work, before, { after, youthStatus: null });
  },
  remember: rememberPlacement,
  recall: recallPlacement,
});

/**
 * The parts of a plan a caller may change: the young person their goals (they co-write the
 * plan, in their own words), the team all of it. Pure.
 *
 * @param context - the request
 * @param input - the change
 */
export function requirePlanPartsOfCaller(
  context: Pick<SubgraphContext, 'identity'>,
  input: UpdatePlacementPlanInput,
): void {
  if (context.identity?.role !== 'YOUTH') return;
  const others = (['tasks', 'support'] as const).filter((part) => input[part] != null);
  if (others.length > 0) {
    throw broken(
      RULE.PLAN_PART_NOT_YOURS,
      'A young person changes the goals of their plan; the team changes the tasks and support',
      others,
    );
  }
}

/**
 * Changes the plan of a planned or running placement at the version read: the young person
 * its goals, the team all of it (the mutation's rule admits no one else). The parts not sent
 * are kept; the placement's version is the plan's version, and each change is audited.
 */
export const updatePlacementPlanCommand = defineCommand({
  name: 'updatePlacementPlan',
  input: UpdatePlacementPlanInputSchema,
  async execute(context, input, work): Promise<Placement> {
    const before = await readPlacementToChange(context, input.placementId, input.expectedVersion);
    requirePlanPartsOfCaller(context, input);
    if (!OPEN_PLACEMENT_STATUSES.includes(before.status)) {
      throw broken(RULE.PLACEMENT_ENDED, 'The placement has ended', ['placementId']);
    }
    const plan: PlacementPlan = {
      goals: input.goals ?? before.plan.goals,
      tasks: input.tasks ?? before.plan.tasks,
      support: input.support ?? before.plan.support,
    };
    return stagePlacementChange(context, work, before, {
      after: { ...before, plan },
      youthStatus: null,
    });
  },
  remember: rememberPlacement,
  recall: recallPlacement,
});
