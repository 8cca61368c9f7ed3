import * as z from 'zod';
import { defineEntity } from '#kernel/entity';
import { type ItemKey, key, PREFIX } from '#kernel/keys';
import type { Item } from '#kernel/table/table';
import { IsoDateSchema } from '#kernel/validation';
import { PLACEMENT_STATUSES } from '../domain/placement.ts';
import { PLACEMENTS_PREFIX } from './prefixes.ts';

/**
 * Guard items that make the multi-record rules of placements hold under concurrency. Each
 * holds the open placements (planned or under way) it guards, with their periods, and a
 * version: every placement write reads the guard, checks the rule on what it read, and writes
 * the guard back on condition that its version is unchanged, in the same unit of work as the
 * placement. Of two concurrent writers exactly one wins; the other runs again on fresh reads
 * (`runCommand`) and re-checks.
 */

/** An open placement as a guard remembers it. */
export const GuardedPlacementSchema = z.object({
  startDate: IsoDateSchema,
  endDate: IsoDateSchema,
  status: z.enum(PLACEMENT_STATUSES),
});

/** An open placement as a guard remembers it. */
export type GuardedPlacement = z.infer<typeof GuardedPlacementSchema>;

/**
 * The open placements by id. A record written as an object with a catch-all: `z.record` would
 * bring 4.6 kB of zod into the subgraph's bundle that nothing else needs.
 */
const guardedPlacements = z.object({}).catchall(GuardedPlacementSchema);

/** A young person's open placements: no two may overlap. */
export const YouthPlacementGuardSchema = z.object({
  youthId: z.string(),
  placements: guardedPlacements,
  /** 0 while no guard item exists yet. */
  version: z.number().int().nonnegative(),
});

/** A young person's open placements. */
export type YouthPlacementGuard = z.infer<typeof YouthPlacementGuardSchema>;

/** An opportunity's open placements: never more at once than its `places`. */
export const OpportunityOccupancySchema = z.object({
  opportunityId: z.string(),
  placements: guardedPlacements,
  /** 0 while no occupancy item exists yet. */
  version: z.number().int().nonnegative(),
});

/** An opportunity's open placements. */
export type OpportunityOccupancy = z.infer<typeof OpportunityOccupancySchema>;

/**
 * A company's open placements, over all its opportunities: never more at once than its ordinary
 * employees allow (rimelighedskravet, `company-ratio.ts`).
 */
export const CompanyOccupancySchema = z.object({
  companyId: z.string(),
  placements: guardedPlacements,
  /** 0 while no occupancy item exists yet. */
  version: z.number().int().nonnegative(),
});

/** A company's open placements. */
export type CompanyOccupancy = z.infer<typeof CompanyOccupancySchema>;

/**
 * Key of the guard of a young person's open placements. It lives in the young person's item
 * collection, so erasure removes it with them.
 */
export function youthPlacementGuardKey(youthId: string): ItemKey {
  return { pk: key(PREFIX.youth, youthId), sk: 'PLACEMENT_GUARD' };
}

/**
 * Key of an opportunity's occupancy. Owned by placements, kept next to the opportunity it
 * counts.
 */
export function opportunityOccupancyKey(opportunityId: string): ItemKey {
  return { pk: key(PREFIX.opportunity, opportunityId), sk: 'OCCUPANCY' };
}

/**
 * Key of a company's occupancy. In a partition of its own that placements owns: the company's
 * item collection is the companies subgraph's to write.
 */
export function companyOccupancyKey(companyId: string): ItemKey {
  return { pk: key(PLACEMENTS_PREFIX.companyOccupancy, companyId), sk: 'OCCUPANCY' };
}

/** The id a guard item's partition names (items written before the id was stored). */
const idOfPartition = (item: Item) => item.pk.slice(item.pk.indexOf('#') + 1);

/** The guard of a young person's open placements (`YOUTH#<id>` / `PLACEMENT_GUARD`). */
export const YouthPlacementGuardEntity = defineEntity<YouthPlacementGuard>({
  name: 'YouthPlacementGuard',
  schema: YouthPlacementGuardSchema,
  key: (guard) => youthPlacementGuardKey(guard.youthId),
  decode: (item) => ({
    ...item,
    youthId: item.youthId ?? idOfPartition(item),
    placements: item.placements ?? {},
    version: item.version ?? 0,
  }),
});

/** An opportunity's occupancy (`OPPORTUNITY#<id>` / `OCCUPANCY`). */
export const OpportunityOccupancyEntity = defineEntity<OpportunityOccupancy>({
  name: 'OpportunityOccupancy',
  schema: OpportunityOccupancySchema,
  key: (occupancy) => opportunityOccupancyKey(occupancy.opportunityId),
  decode: (item) => ({
    ...item,
    opportunityId: item.opportunityId ?? idOfPartition(item),
    placements: item.placements ?? {},
    version: item.version ?? 0,
  }),
});

/** A company's occupancy (`COMPANY_OCCUPANCY#<id>` / `OCCUPANCY`). */
export const CompanyOccupancyEntity = defineEntity<CompanyOccupancy>({
  name: 'CompanyOccupancy',
  schema: CompanyOccupancySchema,
  key: (occupancy) => companyOccupancyKey(occupancy.companyId),
  decode: (item) => ({ ...item, placements: item.placements ?? {} }),
});

/** A young person's guard as it is when none was written yet. */
export function emptyYouthGuard(youthId: string): YouthPlacementGuard {
  return { youthId, placements: {}, version: 0 };
}

/** An opportunity's occupancy as it is when none was written yet. */
export function emptyOccupancy(opportunityId: string): OpportunityOccupancy {
  return { opportunityId, placements: {}, version: 0 };
}

/** A company's occupancy as it is when none was written yet. */
export function emptyCompanyOccupancy(companyId: string): CompanyOccupancy {
  return { companyId, placements: {}, version: 0 };
}
