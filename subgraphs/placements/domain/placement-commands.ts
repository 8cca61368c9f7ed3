import * as z from 'zod';
import { requireIdentity, requireStaffOf } from '#kernel/authorisation';
import type { SubgraphContext } from '#kernel/context';
import { createItemLoader } from '#kernel/entity-loader';
import { ForbiddenError } from '#kernel/errors';
import { isStaffRole } from '#kernel/identity';
import { newId } from '#kernel/keys';
import { sharedKeys } from '#kernel/shared-keys';
import type { TransactAction } from '#kernel/table/table';
import { danishToday } from '#kernel/today';
import { EntityIdSchema, IsoDateSchema, parseInput, textSchema } from '#kernel/validation';
import { invitationWriteAction, readInvitation } from '../repository/invitation-repository.ts';
import {
  readOccupancy,
  readPlacement,
  readYouthGuard,
} from '../repository/placement-repository.ts';
import { readYouthPlacementsFacts } from '../repository/placement-stats-repository.ts';
import { placementWriteActions } from '../repository/placement-writes.ts';
import {
  companyIsActive,
  contactBelongsTo,
  loadCompanyFacts,
  loadContactFacts,
  loadOpportunityFacts,
  loadYouthFacts,
  opportunityUnchangedAndOpen,
} from '../repository/shared-items.ts';
import { readWish, wishWriteAction } from '../repository/wish-repository.ts';
import {
  invitationReason,
  linkAction,
  placementReason,
  readLink,
} from '../repository/youth-company-link-repository.ts';
import { youthStatusActions } from '../repository/youth-status.ts';
import { peakConcurrency, rangesOverlap } from './dates.ts';
import { invitationStatus } from './invitation.ts';
import type { LifecycleEngine } from './lifecycle-engine.ts';
import {
  cancelOpenTasksActions,
  newLifecycle,
  requireNoRunningLifecycle,
  startLifecycleExecution,
  stopLifecycleExecution,
} from './lifecycle-start.ts';
import {
  defaultEndDate,
  initialStatus,
  type Placement,
  type PlacementOrigin,
  standardCheckpoints,
} from './placement.ts';
import { startChanges, transitionCounterChanges } from './placement-figures.ts';
import {
  completeCheckpointStep,
  completePlacementStep,
  extendPlacementStep,
  interruptPlacementStep,
  type PlacementStep,
  startPlacementStep,
} from './placement-lifecycle.ts';
import { withConflictRetries } from './retry.ts';
import { broken, RULE } from './rules.ts';

const lines = (most: number) => z.array(textSchema(500)).max(most, `must hold at most ${most}`);

/** The input of a new placement, as validated at the edge. */
export const CreatePlacementInputSchema = z
  .object({
    youthId: EntityIdSchema,
    opportunityId: EntityIdSchema,
    mentorContactId: EntityIdSchema,
    startDate: IsoDateSchema,
    endDate: IsoDateSchema.nullish(),
    weeklyHours: z.number().int().min(1, 'must be at least 1').max(37, 'must be at most 37'),
    plan: z.object({
      goals: lines(10).min(1, 'must hold at least one goal'),
      tasks: lines(20),
      support: lines(10)
        .nullish()
        .transform((support) => support ?? []),
    }),
    wishId: EntityIdSchema.nullish(),
    invitationId: EntityIdSchema.nullish(),
  })
  .refine((input) => !(input.wishId && input.invitationId), {
    message: 'give a wish or an invitation, not both',
    path: ['invitationId'],
  });

/** The input of a new placement. */
export type CreatePlacementInput = z.infer<typeof CreatePlacementInputSchema>;

function requireStaff(context: SubgraphContext) {
  const identity = requireIdentity(context);
  if (!isStaffRole(identity.role)) throw new ForbiddenError('Only the municipal team may do this');
  return identity;
}

/**
 * Creates a placement from an open wish, an accepted invitation, or directly (municipal team
 * of the young person's municipality). In one transaction: the placement; the young person's
 * overlap guard and the opportunity's occupancy (each on condition that nobody changed it since
 * it was read); checks that the company is active, the opportunity open with the places read,
 * and the mentor the company's; the counters; the youth–company link; the wish or invitation;
 * and the young person's status when the placement starts today or started already.
 *
 * When the placement starts at once and a lifecycle engine runs, its lifecycle starts with it.
 *
 * @param context - the request's context
 * @param rawInput - the mutation's input
 * @param engine - the lifecycle engine, if any
 */
export async function createPlacement(
  context: SubgraphContext,
  rawInput: unknown,
  engine: LifecycleEngine | null = null,
): Promise<Placement> {
  const identity = requireStaff(context);
  const input = parseInput(CreatePlacementInputSchema, rawInput);
  const table = context.table;
  const placementId = newId(context.now().getTime());
  const today = danishToday(context.now());
  const endDate = input.endDate ?? defaultEndDate(input.startDate);
  if (endDate < input.startDate) {
    throw broken(RULE.END_BEFORE_START, 'The placement cannot end before it starts', ['endDate']);
  }

  return withConflictRetries(async () => {
    const loader = createItemLoader(table);
    const [[youth], opportunity, mentor] = await Promise.all([
      loadYouthFacts(loader, [input.youthId]),
      loadOpportunityFacts(loader, input.opportunityId),
      loadContactFacts(loader, input.mentorContactId),
    ]);
    if (!youth) throw broken(RULE.YOUTH_NOT_FOUND, 'No such young person', ['youthId']);
    const staff = requireStaffOf(identity, youth.municipalityCode);
    if (!opportunity) {
      throw broken(RULE.OPPORTUNITY_NOT_FOUND, 'No such opportunity', ['opportunityId']);
    }
    const [[company], youthGuard, occupancy, wish, invitation, link] = await Promise.all([
      loadCompanyFacts(loader, [opportunity.companyId]),
      readYouthGuard(table, youth.id),
      readOccupancy(table, opportunity.id),
      input.wishId ? readWish(table, input.wishId) : undefined,
      input.invitationId ? readInvitation(table, input.invitationId) : undefined,
      readLink(table, youth.id, opportunity.companyId),
    ]);
    if (!company) throw broken(RULE.COMPANY_NOT_FOUND, 'No such company', ['opportunityId']);
    if (company.municipalityCode !== youth.municipalityCode) {
      throw broken(
        RULE.OTHER_MUNICIPALITY,
        "The company is not in the young person's municipality",
        ['opportunityId'],
      );
    }
    if (company.status !== 'ACTIVE') {
      throw broken(RULE.COMPANY_NOT_ACTIVE, 'The company has paused or left the network', [
        'opportunityId',
      ]);
    }
    if (!opportunity.open) {
      throw broken(RULE.OPPORTUNITY_CLOSED, 'The opportunity is closed', ['opportunityId']);
    }
    if (mentor?.companyId !== company.id) {
      throw broken(RULE.MENTOR_NOT_AT_COMPANY, "The mentor must be one of the company's contacts", [
        'mentorContactId',
      ]);
    }
    const period = { startDate: input.startDate, endDate };
    if (Object.values(youthGuard.placements).some((other) => rangesOverlap(other, period))) {
      throw broken(
        RULE.OVERLAPPING_PLACEMENT,
        'The young person already has a placement in this period',
        ['startDate'],
      );
    }
    if (peakConcurrency(Object.values(occupancy.placements), period) >= opportunity.places) {
      throw broken(
        RULE.OPPORTUNITY_FULL,
        'Every place of the opportunity is taken in this period',
        ['opportunityId'],
      );
    }
    let origin: PlacementOrigin = { kind: 'STAFF', wishId: null, invitationId: null };
    const extra: TransactAction[] = [];
    if (input.wishId) {
      if (!wish) throw broken(RULE.WISH_NOT_FOUND, 'No such wish', ['wishId']);
      if (wish.youthId !== youth.id || wish.companyId !== company.id) {
        throw broken(RULE.WISH_DOES_NOT_MATCH, 'The wish is for another young person or company', [
          'wishId',
        ]);
      }
      if (wish.status !== 'OPEN')
        throw broken(RULE.WISH_NOT_OPEN, 'The wish is not open', ['wishId']);
      extra.push(wishWriteAction(wish, { ...wish, status: 'PLACED', placementId }).action);
      origin = { kind: 'WISH', wishId: wish.id, invitationId: null };
    }
    if (input.invitationId) {
      if (!invitation) {
        throw broken(RULE.INVITATION_NOT_FOUND, 'No such invitation', ['invitationId']);
      }
      if (invitation.youthId !== youth.id || invitation.companyId !== company.id) {
        throw broken(
          RULE.INVITATION_DOES_NOT_MATCH,
          'The invitation is for another young person or company',
          ['invitationId'],
        );
      }
      if (invitationStatus(invitation, context.now()) !== 'ACCEPTED' || invitation.placementId) {
        throw broken(
          RULE.INVITATION_NOT_ACCEPTED,
          'Only an accepted invitation not yet placed becomes a placement',
          ['invitationId'],
        );
      }
      extra.push(invitationWriteAction(invitation, { ...invitation, placementId }).action);
      origin = { kind: 'INVITATION', wishId: null, invitationId: invitation.id };
    }

    const status = initialStatus(input.startDate, today);
    const draft: Placement = {
      id: placementId,
      municipalityCode: youth.municipalityCode,
      youthId: youth.id,
      companyId: company.id,
      opportunityId: opportunity.id,
      mentorContactId: input.mentorContactId,
      startDate: input.startDate,
      endDate,
      weeklyHours: input.weeklyHours,
      status,
      plan: input.plan,
      checkpoints: standardCheckpoints(input.startDate, endDate),
      outcome: null,
      learningReflection: null,
      origin,
      createdAt: context.now().toISOString(),
      version: 0,
    };
    const placement: Placement =
      engine && status === 'ACTIVE'
        ? { ...draft, lifecycle: newLifecycle(draft, staff.staffId, context.now()) }
        : draft;
    const youthPlacements = startChanges(null, placement)
      ? await readYouthPlacementsFacts(table, youth.id)
      : undefined;
    const { actions, stored } = placementWriteActions({
      before: null,
      after: placement,
      youthGuard,
      occupancy,
      counterChanges: transitionCounterChanges(null, placement, youthPlacements),
    });
    actions.push(
      { check: sharedKeys.company(company.id), condition: companyIsActive() },
      {
        check: sharedKeys.opportunity(opportunity.id),
        condition: opportunityUnchangedAndOpen(opportunity),
      },
      { check: sharedKeys.contact(input.mentorContactId), condition: contactBelongsTo(company.id) },
      ...extra,
    );
    const linkChange = linkAction(link, {
      add: [placementReason(placementId)],
      remove: invitation ? [invitationReason(invitation.id)] : [],
    });
    if (linkChange) actions.push(linkChange);
    if (status === 'ACTIVE' && youth.status !== 'IN_PLACEMENT') {
      actions.push(
        ...(await youthStatusActions(table, {
          youthId: youth.id,
          status: 'IN_PLACEMENT',
          date: input.startDate,
          reason: 'Praktik startet',
        })),
      );
    }
    await table.transact(actions);
    context.logger.info('Placement created', { placementId, status, origin: origin.kind });
    await startLifecycleExecution(context, engine, stored);
    return stored;
  });
}

/** The input of a command on one placement. */
const PlacementIdSchema = z.object({ placementId: EntityIdSchema });

/** The input of a checkpoint held. */
export const CompleteCheckpointInputSchema = PlacementIdSchema.extend({
  checkpointId: z.string().min(1).max(20),
  completedOn: IsoDateSchema,
  notes: textSchema(4000).nullish(),
});

/** The input of an extension. */
export const ExtendPlacementInputSchema = PlacementIdSchema.extend({
  newEndDate: IsoDateSchema,
  date: IsoDateSchema,
});

const OutcomeInputSchema = z
  .object({
    kind: z.enum(['EXTENDED', 'NEW_PLACEMENT', 'EDUCATION', 'JOB', 'PAUSE', 'DROPPED_OUT']),
    date: IsoDateSchema,
    details: z
      .object({ what: textSchema(200), where: textSchema(200), startDate: IsoDateSchema })
      .nullish()
      .transform((details) => details ?? null),
  })
  .refine((o) => !['EDUCATION', 'JOB'].includes(o.kind) || o.details !== null, {
    message: 'education and job need what, where and from when',
    path: ['details'],
  });

/** The input of a placement that ran its course. */
export const CompletePlacementInputSchema = PlacementIdSchema.extend({
  outcome: OutcomeInputSchema,
});

/** The input of an interrupted placement. */
export const InterruptPlacementInputSchema = PlacementIdSchema.extend({
  outcome: OutcomeInputSchema,
  reflection: z.object({
    whatHappened: textSchema(2000),
    whatWasLearned: textSchema(2000),
    whatNext: textSchema(2000),
  }),
});

/**
 * A step of a placement's course with what else it writes: further actions in the same
 * transaction (lifecycle tasks) and what follows once it is written (the lifecycle workflow).
 */
export interface PlacementChange extends PlacementStep {
  /** Further actions of the same transaction. */
  actions?: TransactAction[];
  /** Runs once the transaction is written, with the placement as stored. */
  afterCommit?: (stored: Placement) => Promise<void>;
}

/**
 * Applies one step of a placement's course (municipal team of its municipality): reads the
 * placement and its guards, decides, and writes in one transaction the placement (on condition
 * of its version), the guards it changes, the counters, the youth–company link when the
 * placement ends, an opportunity check when it grows, the young person's status, and whatever
 * further actions the step brings.
 *
 * @param context - the request's context
 * @param placementId - the placement
 * @param decide - the step, given the placement, today's date and the caller (read afresh on
 *   every attempt)
 */
export async function changePlacement(
  context: SubgraphContext,
  placementId: string,
  decide: (
    placement: Placement,
    today: string,
    staffId: string,
  ) => PlacementChange | Promise<PlacementChange>,
): Promise<Placement> {
  const identity = requireStaff(context);
  const table = context.table;
  const today = danishToday(context.now());
  const committed = await withConflictRetries(async () => {
    const before = await readPlacement(table, placementId);
    if (!before) throw broken(RULE.PLACEMENT_NOT_FOUND, 'No such placement', ['placementId']);
    const staff = requireStaffOf(identity, before.municipalityCode);
    const change = await decide(before, today, staff.staffId);
    const { after, youthStatus } = change;
    const [youthGuard, occupancy, link, [youth]] = await Promise.all([
      readYouthGuard(table, before.youthId),
      readOccupancy(table, before.opportunityId),
      readLink(table, before.youthId, before.companyId),
      loadYouthFacts(createItemLoader(table), [before.youthId]),
    ]);
    const actions: TransactAction[] = [];
    if (after.endDate > before.endDate) {
      const period = { startDate: after.startDate, endDate: after.endDate };
      const others = (entries: typeof youthGuard.placements) =>
        Object.entries(entries)
          .filter(([id]) => id !== before.id)
          .map(([, entry]) => entry);
      if (others(youthGuard.placements).some((other) => rangesOverlap(other, period))) {
        throw broken(
          RULE.OVERLAPPING_PLACEMENT,
          'The young person has another placement in the longer period',
          ['newEndDate'],
        );
      }
      const opportunity = await loadOpportunityFacts(createItemLoader(table), before.opportunityId);
      const places = opportunity?.places ?? 0;
      if (peakConcurrency(others(occupancy.placements), period) >= places) {
        throw broken(RULE.OPPORTUNITY_FULL, 'Every place of the opportunity is taken then', [
          'newEndDate',
        ]);
      }
      actions.push({
        check: sharedKeys.opportunity(before.opportunityId),
        condition: {
          expression: '#places = :places',
          names: { '#places': 'places' },
          values: { ':places': places },
        },
      });
    }
    // Starting (or un-starting) a placement may change which was the young person's first.
    const youthPlacements = startChanges(before, after)
      ? await readYouthPlacementsFacts(table, before.youthId)
      : undefined;
    const written = placementWriteActions({
      before,
      after,
      youthGuard,
      occupancy,
      counterChanges: transitionCounterChanges(before, after, youthPlacements),
    });
    actions.unshift(...written.actions);
    actions.push(...(change.actions ?? []));
    const ended = after.status === 'COMPLETED' || after.status === 'INTERRUPTED';
    if (ended) {
      const linkChange = linkAction(link, { remove: [placementReason(before.id)] });
      if (linkChange) actions.push(linkChange);
    }
    if (youthStatus && youth && youth.status !== youthStatus.status) {
      actions.push(
        ...(await youthStatusActions(table, { youthId: before.youthId, ...youthStatus })),
      );
    }
    await table.transact(actions);
    context.logger.info('Placement changed', {
      placementId,
      from: before.status,
      to: after.status,
    });
    return { stored: written.stored, afterCommit: change.afterCommit };
  });
  await committed.afterCommit?.(committed.stored);
  return committed.stored;
}

/**
 * Starts a planned placement on or after its start date, and its lifecycle when a lifecycle
 * engine runs.
 */
export function startPlacement(
  context: SubgraphContext,
  rawInput: unknown,
  engine: LifecycleEngine | null = null,
): Promise<Placement> {
  const input = parseInput(PlacementIdSchema, rawInput);
  return changePlacement(context, input.placementId, (placement, today, staffId) => {
    const step = startPlacementStep(placement, today);
    if (!engine) return step;
    return {
      ...step,
      after: { ...step.after, lifecycle: newLifecycle(step.after, staffId, context.now()) },
      afterCommit: (stored) => startLifecycleExecution(context, engine, stored),
    };
  });
}

/** Marks a checkpoint as held, with the team's notes. */
export function completeCheckpoint(
  context: SubgraphContext,
  rawInput: unknown,
): Promise<Placement> {
  const input = parseInput(CompleteCheckpointInputSchema, rawInput);
  return changePlacement(context, input.placementId, (placement, today) =>
    completeCheckpointStep(
      placement,
      input.checkpointId,
      input.completedOn,
      input.notes ?? null,
      today,
    ),
  );
}

/** Extends a placement under way to a later end date. */
export function extendPlacement(context: SubgraphContext, rawInput: unknown): Promise<Placement> {
  const input = parseInput(ExtendPlacementInputSchema, rawInput);
  return changePlacement(context, input.placementId, (placement, today) => {
    requireNoRunningLifecycle(placement);
    return extendPlacementStep(placement, input.newEndDate, input.date, today);
  });
}

/** Ends a placement that ran its course, with its outcome. */
export function completePlacement(context: SubgraphContext, rawInput: unknown): Promise<Placement> {
  const input = parseInput(CompletePlacementInputSchema, rawInput);
  return changePlacement(context, input.placementId, (placement, today) => {
    requireNoRunningLifecycle(placement);
    return completePlacementStep(placement, input.outcome, today);
  });
}

/**
 * Ends a placement early, with its outcome and a learning reflection. A running lifecycle ends
 * with it, cleanly: its open tasks are cancelled in the same transaction and its execution is
 * stopped; the outcome recorded is the decision of what comes next.
 */
export function interruptPlacement(
  context: SubgraphContext,
  rawInput: unknown,
  engine: LifecycleEngine | null = null,
): Promise<Placement> {
  const input = parseInput(InterruptPlacementInputSchema, rawInput);
  return changePlacement(context, input.placementId, async (placement, today) => {
    const step = interruptPlacementStep(placement, input.outcome, input.reflection, today);
    const lifecycle = placement.lifecycle;
    if (lifecycle?.status !== 'RUNNING') return step;
    return {
      ...step,
      after: {
        ...step.after,
        lifecycle: {
          ...lifecycle,
          status: 'ENDED',
          nextDueDate: null,
          endedAt: context.now().toISOString(),
          endReason: 'INTERRUPTED',
        },
      },
      actions: await cancelOpenTasksActions(context.table, placement.id),
      afterCommit: () => stopLifecycleExecution(context, engine, lifecycle.executionId),
    };
  });
}
