import * as z from 'zod';
import { defineCommand } from '#kernel/command';
import type { SubgraphContext } from '#kernel/context';
import { newId } from '#kernel/keys';
import type { TransactAction } from '#kernel/table/table';
import { companyCompanyTieAdded, tieSource, youthCompanyTieAdded } from '#kernel/ties';
import { danishToday } from '#kernel/today';
import type { UnitOfWork } from '#kernel/unit-of-work';
import { EntityIdSchema, IsoDateSchema, textSchema } from '#kernel/validation';
import { linkReason } from '#kernel/youth-company-link';
import { prepareYouthStatusChange } from '#people/published/youth-status';
import { InvitationEntity } from '../repository/invitation-entity.ts';
import { loadInvitation } from '../repository/invitation-repository.ts';
import {
  type CompanyOccupancy,
  emptyCompanyOccupancy,
  type OpportunityOccupancy,
  type YouthPlacementGuard,
} from '../repository/placement-guard-entity.ts';
import {
  loadCompanyOccupancy,
  loadOccupancy,
  loadYouthGuard,
} from '../repository/placement-repository.ts';
import { readYouthPlacementsFacts } from '../repository/placement-stats-repository.ts';
import { stagePlacementWrite } from '../repository/placement-writes.ts';
import {
  companyActiveWithEmployees,
  contactStillAt,
  loadCompanyFacts,
  loadContactFacts,
  loadOpportunityFacts,
  loadYouthFacts,
  opportunityUnchangedAndOpen,
} from '../repository/shared-items.ts';
import { WishEntity } from '../repository/wish-entity.ts';
import { loadWish } from '../repository/wish-repository.ts';
import {
  invitationReasons,
  type LinkState,
  linkAction,
  loadLink,
} from '../repository/youth-company-link-repository.ts';
import { readTiesOfYouth } from '../repository/youth-company-tie-entity.ts';
import { scheduledCheckpoints } from './checkpoint-schedule.ts';
import { callerStaffId } from './command-inputs.ts';
import { newLifecycle, startLifecycleExecution } from './lifecycle-start.ts';
import {
  type CheckedNewPlacement,
  checkNewPlacement,
  type NewPlacementFacts,
} from './new-placement-rules.ts';
import { defaultEndDate, initialStatus, type Placement } from './placement.ts';
import { startChanges, transitionCounterChanges } from './placement-figures.ts';
import { recallPlacement, rememberPlacement } from './placement-results.ts';

const lines = (most: number) => z.array(textSchema()).max(most, `must hold at most ${most}`);

/** The input of a new placement, as validated at the edge. */
export const CreatePlacementInputSchema = z
  .object({
    youthId: EntityIdSchema,
    opportunityId: EntityIdSchema,
    mentorContactId: EntityIdSchema,
    startDate: IsoDateSchema,
    endDate: IsoDateSchema.nullish(),
    // Virksomhedspraktik (lov om en aktiv beskæftigelsesindsats, kapitel 11) is held within the
    // company's normal working hours and at most 37 hours a week (the jobcentres' rule, e.g.
    // https://www.kk.dk/indhold/om-virksomhedspraktik); the evaluation export's `weeklyHours`.
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

/** What `createPlacement` reads: the facts its rules decide on, and what its writes build on. */
interface NewPlacementReads {
  facts: NewPlacementFacts;
  youthGuard: YouthPlacementGuard;
  occupancy: OpportunityOccupancy;
  /** The company's occupancy (empty when there is no opportunity: the rules refuse). */
  companyOccupancy: CompanyOccupancy;
  /** The youth–company link; undefined when there is no opportunity (the rules refuse). */
  link: LinkState | undefined;
}

/**
 * Reads what a new placement is decided on, in two batched reads through the request's loader
 * (which the write path empties before a run after a lost race): the parties (other subgraphs'
 * items), the young person's and the opportunity's open placements, the wish or invitation
 * named, then the company, its link with the young person and its open placements.
 */
async function readNewPlacement(
  context: SubgraphContext,
  input: CreatePlacementInput,
): Promise<NewPlacementReads> {
  const { loader } = context;
  const [[youth], opportunity, mentor, youthGuard, occupancy, wish, invitation] = await Promise.all(
    [
      loadYouthFacts(loader, [input.youthId]),
      loadOpportunityFacts(loader, input.opportunityId),
      loadContactFacts(loader, input.mentorContactId),
      loadYouthGuard(loader, input.youthId),
      loadOccupancy(loader, input.opportunityId),
      input.wishId ? loadWish(loader, input.wishId) : undefined,
      input.invitationId ? loadInvitation(loader, input.invitationId) : undefined,
    ],
  );
  const [[company], link, companyOccupancy] = opportunity
    ? await Promise.all([
        loadCompanyFacts(loader, [opportunity.companyId]),
        loadLink(loader, input.youthId, opportunity.companyId),
        loadCompanyOccupancy(loader, opportunity.companyId),
      ])
    : [[], undefined, emptyCompanyOccupancy('')];
  return {
    facts: {
      youth,
      opportunity,
      company,
      mentor,
      youthPlacements: youthGuard.placements,
      occupancy: occupancy.placements,
      companyOccupancy: companyOccupancy.placements,
      wish,
      invitation,
    },
    youthGuard,
    occupancy,
    companyOccupancy,
    link,
  };
}

/** The new placement as the checked request makes it: planned, or under way from today. */
function newPlacement(
  context: SubgraphContext,
  input: CreatePlacementInput,
  checked: CheckedNewPlacement,
  endDate: string,
): Placement {
  const now = context.now();
  const status = initialStatus(input.startDate, danishToday(now));
  const placement: Placement = {
    id: newId(now.getTime()),
    municipalityCode: checked.youth.municipalityCode,
    youthId: checked.youth.id,
    companyId: checked.company.id,
    opportunityId: checked.opportunity.id,
    mentorContactId: input.mentorContactId,
    startDate: input.startDate,
    endDate,
    weeklyHours: input.weeklyHours,
    status,
    plan: input.plan,
    checkpoints: scheduledCheckpoints({
      startDate: input.startDate,
      endDate,
      municipalityCode: checked.youth.municipalityCode,
      outcome: null,
    }),
    outcome: null,
    learningReflection: null,
    origin: checked.origin,
    createdAt: now.toISOString(),
    version: 1,
  };
  // Under way at once, and a lifecycle engine runs: the lifecycle starts with the placement.
  const engine = context.services.workflows();
  return engine && status === 'ACTIVE'
    ? { ...placement, lifecycle: newLifecycle(placement, callerStaffId(context), now) }
    : placement;
}

/**
 * The company–company ties a placement makes: the companies that hosted the young person's
 * other placements share them with this one (read from the young person's ties, one query of
 * their collection).
 */
async function sharedPlacementTies(
  context: SubgraphContext,
  placement: Placement,
): Promise<TransactAction[]> {
  const ties = await readTiesOfYouth(context.table, placement.youthId);
  const day = danishToday(context.now());
  return ties
    .filter((tie) => tie.companyId !== placement.companyId && tie.ways.includes('PLACEMENT'))
    .flatMap((tie) =>
      companyCompanyTieAdded({
        companyId: placement.companyId,
        otherCompanyId: tie.companyId,
        source: tieSource.sharedPlacement(placement.id),
        way: 'SHARED_PLACEMENTS',
        day,
      }),
    );
}

/**
 * Stages a new placement and everything that changes with it: the guards and counters, checks
 * that the company, opportunity and mentor are still as read, the wish or invitation it uses
 * up, the youth–company link, the tie that lets the company invite the young person again, the ties between its company and
 * the young person's earlier hosts, and the young person's status when the placement is under way.
 */
async function stageNewPlacement(
  context: SubgraphContext,
  work: UnitOfWork,
  placement: Placement,
  checked: CheckedNewPlacement,
  reads: NewPlacementReads,
): Promise<Placement> {
  const { table } = context;
  // Starting a placement may make it the young person's first: the figures need their others.
  const youthPlacements = startChanges(null, placement)
    ? await readYouthPlacementsFacts(table, context.loader, placement.youthId)
    : undefined;
  const stored = stagePlacementWrite(work, {
    before: null,
    after: placement,
    youthGuard: reads.youthGuard,
    occupancy: reads.occupancy,
    companyOccupancy: reads.companyOccupancy,
    counterChanges: transitionCounterChanges(null, placement, youthPlacements),
  });
  work.add(
    companyActiveWithEmployees(checked.company),
    opportunityUnchangedAndOpen(checked.opportunity),
    contactStillAt(placement.mentorContactId, checked.company.id),
  );
  if (checked.wish) {
    work.replace(WishEntity, checked.wish, {
      ...checked.wish,
      status: 'PLACED',
      placementId: placement.id,
    });
  }
  if (checked.invitation) {
    work.replace(InvitationEntity, checked.invitation, {
      ...checked.invitation,
      placementId: placement.id,
    });
  }
  const linkChange =
    reads.link &&
    linkAction(reads.link, {
      add: [linkReason.placement(placement.id)],
      remove: [
        ...(checked.invitation ? invitationReasons(checked.invitation) : []),
        ...(checked.wish ? [linkReason.wish(checked.wish.id)] : []),
      ],
    });
  if (linkChange) work.add(linkChange);
  work.add(
    youthCompanyTieAdded({
      youthId: placement.youthId,
      companyId: placement.companyId,
      municipalityCode: placement.municipalityCode,
      source: tieSource.placement(placement.id),
      way: 'PLACEMENT',
      day: danishToday(context.now()),
      youthInterest: 'STRONG',
      companyInterest: 'STRONG',
    }),
  );
  work.add(...(await sharedPlacementTies(context, placement)));
  if (placement.status === 'ACTIVE' && checked.youth.status !== 'IN_PLACEMENT') {
    work.add(
      ...(await prepareYouthStatusChange(table, {
        youthId: placement.youthId,
        status: 'IN_PLACEMENT',
        date: placement.startDate,
        reason: 'Praktik startet',
      })),
    );
  }
  return stored;
}

/**
 * Creates a placement from an open wish, an accepted invitation, or directly (the municipal
 * team of the young person's municipality): reads the facts, checks the rules
 * (`new-placement-rules.ts`), and stages the placement with everything that changes with it.
 * When the placement starts at once and a lifecycle engine runs, its lifecycle starts once the
 * change is committed.
 */
export const createPlacementCommand = defineCommand({
  name: 'createPlacement',
  input: CreatePlacementInputSchema,
  async execute(context, input, work) {
    const endDate = input.endDate ?? defaultEndDate(input.startDate);
    const reads = await readNewPlacement(context, input);
    const checked = checkNewPlacement(reads.facts, { ...input, endDate }, context.now());
    const placement = newPlacement(context, input, checked, endDate);
    const stored = await stageNewPlacement(context, work, placement, checked, reads);
    const engine = context.services.workflows();
    work.afterCommit(() => startLifecycleExecution(context, engine, stored));
    return stored;
  },
  remember: rememberPlacement,
  recall: recallPlacement,
});
