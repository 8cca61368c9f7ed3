import { requireIdentity } from '#kernel/authorisation';
import type { Connection } from '#kernel/connection';
import type { SubgraphContext } from '#kernel/context';
import { PageSizeSchema, parseInput } from '#kernel/validation';
import {
  listPlacementsByCompany,
  listPlacementsByYouth,
  loadPlacements,
  loadYouthGuards,
} from '../repository/placement-repository.ts';
import {
  canSeeRecord,
  requireCompanyRecordsAccess,
  requireRecordAccess,
  requireYouthRecordsAccess,
} from './access.ts';
import { type Placement, RUNNING_PLACEMENT_STATUSES } from './placement.ts';
import type { CompanyRef, YouthRef } from './references.ts';

/** A connection's page arguments as GraphQL passes them. */
export interface PageArgs {
  first?: number | null;
  after?: string | null;
}

/** The validated page size of a connection (1 to 100, default 20). */
export function pageSize(args: PageArgs): number {
  return parseInput(PageSizeSchema, args.first ?? undefined);
}

/**
 * One placement, for its parties and its municipality's team; null when none exists,
 * `FORBIDDEN` for anyone else.
 *
 * @param context - the request's context
 * @param placementId - the placement
 */
export async function findPlacement(
  context: SubgraphContext,
  placementId: string,
): Promise<Placement | null> {
  const identity = requireIdentity(context);
  const [placement] = await loadPlacements(context.loader, [placementId]);
  if (!placement) return null;
  return requireRecordAccess(identity, placement);
}

/** A page of a young person's placements, for the young person and their team. */
export function placementsOfYouth(
  context: SubgraphContext,
  youth: YouthRef,
  args: PageArgs,
): Promise<Connection<Placement>> {
  requireYouthRecordsAccess(requireIdentity(context), youth);
  return listPlacementsByYouth(
    context.table,
    context.cursors,
    youth.id,
    pageSize(args),
    args.after,
  );
}

/** A page of a company's placements, for its contacts and its municipality's team. */
export function placementsOfCompany(
  context: SubgraphContext,
  company: CompanyRef,
  args: PageArgs,
): Promise<Connection<Placement>> {
  requireCompanyRecordsAccess(requireIdentity(context), company);
  return listPlacementsByCompany(
    context.table,
    context.cursors,
    company.id,
    pageSize(args),
    args.after,
  );
}

/**
 * The young person's placement under way now, found through their placement guard (batched
 * over a list of young people). The young person and their team see it; a company contact
 * sees it only when it is at their own company, and null otherwise.
 *
 * @param context - the request's context
 * @param youth - the young person
 */
export async function currentPlacementOf(
  context: SubgraphContext,
  youth: YouthRef,
): Promise<Placement | null> {
  const identity = requireIdentity(context);
  if (identity.role !== 'COMPANY_CONTACT') requireYouthRecordsAccess(identity, youth);
  const [guard] = await loadYouthGuards(context.loader, [youth.id]);
  const running = Object.entries(guard?.placements ?? {}).find(([, entry]) =>
    RUNNING_PLACEMENT_STATUSES.includes(entry.status),
  );
  if (!running) return null;
  const [placement] = await loadPlacements(context.loader, [running[0]]);
  if (!placement) return null;
  return canSeeRecord(identity, placement) ? placement : null;
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
