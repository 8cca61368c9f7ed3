import { defineEntity } from '#kernel/entity';
import type { ItemLoader } from '#kernel/entity-loader';
import { type ItemKey, key, PREFIX } from '#kernel/keys';
import type { Table } from '#kernel/table/table';
import { type PlacementFeedback, PlacementFeedbackSchema } from '../domain/placement-feedback.ts';

/** The sort key prefix of feedback on a young person's placements, in their item collection. */
export const FEEDBACK_SK_PREFIX = 'FEEDBACK#';

/**
 * Primary key of one side's feedback at one occasion: in the young person's item collection,
 * so that their erasure and their art. 15 export find it, and keyed by placement, occasion and
 * side, so that creating it on condition it does not exist makes it one.
 */
export function placementFeedbackKey(youthId: string, id: string): ItemKey {
  return { pk: key(PREFIX.youth, youthId), sk: `${FEEDBACK_SK_PREFIX}${id}` };
}

/** Feedback on a placement. */
export const PlacementFeedbackEntity = defineEntity<PlacementFeedback>({
  name: 'PlacementFeedback',
  schema: PlacementFeedbackSchema,
  key: (feedback) => placementFeedbackKey(feedback.youthId, feedback.id),
});

/** Feedback by id through the request's loader; undefined where none was given. */
export function loadFeedback(
  loader: ItemLoader,
  youthId: string,
  id: string,
): Promise<PlacementFeedback | undefined> {
  return PlacementFeedbackEntity.loadOne(loader, placementFeedbackKey(youthId, id));
}

/** The feedback on one placement, both sides (one query of the young person's collection). */
export function listFeedbackOfPlacement(
  table: Table,
  placement: { id: string; youthId: string },
): Promise<PlacementFeedback[]> {
  return PlacementFeedbackEntity.readAll(table, {
    partition: key(PREFIX.youth, placement.youthId),
    beginsWith: `${FEEDBACK_SK_PREFIX}${placement.id}_`,
  });
}

/** Every feedback on a young person's placements (their art. 15 export and erasure). */
export function listFeedbackOfYouth(table: Table, youthId: string): Promise<PlacementFeedback[]> {
  return PlacementFeedbackEntity.readAll(table, {
    partition: key(PREFIX.youth, youthId),
    beginsWith: FEEDBACK_SK_PREFIX,
  });
}
