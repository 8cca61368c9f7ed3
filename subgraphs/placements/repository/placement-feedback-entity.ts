import { defineEntity } from '#kernel/entity';
import type { ItemLoader } from '#kernel/entity-loader';
import { type ItemKey, key, PREFIX } from '#kernel/keys';
import type { Item, Table } from '#kernel/table/table';
import { type FeedbackFigureFacts, feedbackFacts } from '../domain/feedback-figures.ts';
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

/** The sort key prefix of an erased young person's feedback stubs, in their stub's collection. */
const ERASED_FEEDBACK_SK_PREFIX = 'ERASEDFEEDBACK#';

/**
 * The stub erased feedback leaves under the young person's stub (`YOUTH#<stub>` /
 * `ERASEDFEEDBACK#<new>`): only what the feedback figures count — municipality, side, occasion,
 * rating and the month given. No words, placement, company or old ids.
 *
 * @param feedback - the feedback erased
 * @param stubYouthId - the young person's stub
 * @param id - the stub's new random id
 */
export function erasedFeedbackToItem(
  feedback: PlacementFeedback,
  stubYouthId: string,
  id: string,
): Item {
  return {
    pk: key(PREFIX.youth, stubYouthId),
    sk: `${ERASED_FEEDBACK_SK_PREFIX}${id}`,
    entity: 'ErasedPlacementFeedback',
    ...feedbackFacts(feedback),
  };
}

/**
 * What the figures count of the feedback of a young person, or of an erased one's stubs
 * (maintenance: the recount and the migration). One query of their collection.
 *
 * @param table - the table
 * @param youth - the young person or stub, and whether it is a stub
 */
export async function readFeedbackFiguresOfYouth(
  table: Table,
  youth: { id: string; erased: boolean },
): Promise<FeedbackFigureFacts[]> {
  const partition = key(PREFIX.youth, youth.id);
  if (!youth.erased) return (await listFeedbackOfYouth(table, youth.id)).map(feedbackFacts);
  const stubs = await table.queryAll({ partition, beginsWith: ERASED_FEEDBACK_SK_PREFIX });
  return stubs as unknown as FeedbackFigureFacts[];
}
