import { defineEntity } from '#kernel/entity';
import { type ItemKey, key, PREFIX } from '#kernel/keys';
import { sharedKeys } from '#kernel/shared-keys';
import { type Placement, PlacementSchema } from '../domain/placement.ts';

/** Primary key of a placement's item: the shared key, since the learning community reads it. */
export function placementKey(placementId: string): ItemKey {
  return sharedKeys.placement(placementId);
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

const sortKey = (placement: Placement) => `${placement.startDate}#${placement.id}`;

/**
 * A placement ("praktikforløb"), listed by young person (gsi1) and by company (gsi2), newest
 * start first, and among the running lifecycles (gsi3) while its lifecycle runs.
 */
export const PlacementEntity = defineEntity<Placement>({
  name: 'Placement',
  schema: PlacementSchema,
  key: (placement) => placementKey(placement.id),
  indexes: {
    gsi1: (placement) => ({
      pk: placementsOfYouthPartition(placement.youthId),
      sk: sortKey(placement),
    }),
    gsi2: (placement) => ({
      pk: placementsOfCompanyPartition(placement.companyId),
      sk: sortKey(placement),
    }),
    gsi3: (placement) =>
      placement.lifecycle?.status === 'RUNNING'
        ? { pk: RUNNING_LIFECYCLES_PARTITION, sk: placement.id }
        : undefined,
  },
});
