import { type ItemKey, key, PREFIX } from '#kernel/keys';
import type { Item } from '#kernel/table/table';
import { type Placement, PlacementSchema } from '../domain/placement.ts';

/** Primary key of a placement's item. */
export function placementKey(placementId: string): ItemKey {
  return { pk: key(PREFIX.placement, placementId), sk: key(PREFIX.placement, placementId) };
}

/** Partition (gsi1) of a young person's placements, sorted by start date. */
export function placementsOfYouthPartition(youthId: string): string {
  return key(PREFIX.youth, youthId, 'PLACEMENTS');
}

/** Partition (gsi2) of a company's placements, sorted by start date. */
export function placementsOfCompanyPartition(companyId: string): string {
  return key(PREFIX.company, companyId, 'PLACEMENTS');
}

/**
 * Partition (gsi3) of the placements whose lifecycle is running: the local stack resumes each
 * of them on start. Sparse: a placement leaves it when its lifecycle ends.
 */
export const RUNNING_LIFECYCLES_PARTITION = 'LIFECYCLES#RUNNING';

/**
 * The stored item of a placement, with the index keys of its two listings, and of the running
 * lifecycles while its lifecycle runs.
 */
export function placementToItem(placement: Placement): Item {
  const sortKey = `${placement.startDate}#${placement.id}`;
  return {
    ...placementKey(placement.id),
    entity: 'Placement',
    gsi1pk: placementsOfYouthPartition(placement.youthId),
    gsi1sk: sortKey,
    gsi2pk: placementsOfCompanyPartition(placement.companyId),
    gsi2sk: sortKey,
    ...(placement.lifecycle?.status === 'RUNNING'
      ? { gsi3pk: RUNNING_LIFECYCLES_PARTITION, gsi3sk: placement.id }
      : {}),
    ...placement,
  };
}

/** A placement from its stored item. */
export function placementFromItem(item: Item): Placement {
  return PlacementSchema.parse(item);
}

/** Where a listing of placements resumes: the item's keys in the index it was listed from. */
export function placementPosition(index: 'gsi1' | 'gsi2'): (item: Item) => Record<string, string> {
  return (item) => ({
    pk: item.pk,
    sk: item.sk,
    [`${index}pk`]: String(item[`${index}pk`]),
    [`${index}sk`]: String(item[`${index}sk`]),
  });
}
