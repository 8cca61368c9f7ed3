import { requireIdentity } from '#kernel/authorisation';
import type { Connection } from '#kernel/connection';
import type { SubgraphContext } from '#kernel/context';
import type { PageRequest } from '#kernel/listing';
import { PageSizeSchema, parseInput } from '#kernel/validation';
import {
  listPlacementsByCompany,
  listPlacementsByYouth,
  loadPlacements,
  loadYouthGuards,
} from '../repository/placement-repository.ts';
import { canSeeRecord } from './access.ts';
import { type Placement, RUNNING_PLACEMENT_STATUSES } from './placement.ts';
import type { CompanyRef, YouthRef } from './references.ts';

/**
 * Reading placements. Who may read what is each field's rule (`authorisation-rules.ts`),
 * checked before these run; what is left here is the tenancy filters that answer null rather
 * than refuse (a placement linked from a record its reader may see only in part).
 */

/** A connection's page arguments as GraphQL passes them. */
export interface PageArgs {
  first?: number | null;
  after?: string | null;
}

/** The validated page of a connection (1 to 100, default 20) and its cursor. */
export function pageOf(args: PageArgs): PageRequest {
  return { first: parseInput(PageSizeSchema, args.first ?? undefined), after: args.after };
}

/** One placement through the request's loader; null when none exists. */
export async function findPlacement(
  context: SubgraphContext,
  placementId: string,
): Promise<Placement | null> {
  const [placement] = await loadPlacements(context.loader, [placementId]);
  return placement ?? null;
}

/** A page of a young person's placements, newest start first. */
export function placementsOfYouth(
  context: SubgraphContext,
  youth: YouthRef,
  args: PageArgs,
): Promise<Connection<Placement>> {
  return listPlacementsByYouth(context, youth.id, pageOf(args));
}

/** A page of a company's placements, newest start first. */
export function placementsOfCompany(
  context: SubgraphContext,
  company: CompanyRef,
  args: PageArgs,
): Promise<Connection<Placement>> {
  return listPlacementsByCompany(context, company.id, pageOf(args));
}

/**
 * The young person's placement under way now, found through their placement guard (batched
 * over a list of young people). A company contact sees it only when it is at their own company,
 * and null otherwise.
 *
 * @param context - the request's context
 * @param youth - the young person
 */
export async function currentPlacementOf(
  context: SubgraphContext,
  youth: YouthRef,
): Promise<Placement | null> {
  const [guard] = await loadYouthGuards(context.loader, [youth.id]);
  const running = Object.entries(guard?.placements ?? {}).find(([, entry]) =>
    RUNNING_PLACEMENT_STATUSES.includes(entry.status),
  );
  if (!running) return null;
  const [placement] = await loadPlacements(context.loader, [running[0]]);
  if (!placement) return null;
  return canSeeRecord(requireIdentity(context), placement) ? placement : null;
}

/**
 * A placement linked from another record (a wish, an invitation), or null when there is none
 * or the caller may not see it.
 */
export async function placementIfVisible(
  context: SubgraphContext,
  placementId: string | null,
): Promise<Placement | null> {
  if (!placementId) return null;
  const [placement] = await loadPlacements(context.loader, [placementId]);
  return placement && canSeeRecord(requireIdentity(context), placement) ? placement : null;
}
