import { newId } from '#kernel/keys';
import { itemMustNotExist } from '#kernel/table/expressions';
import type { Item, TransactAction } from '#kernel/table/table';
import {
  SELF_ASSESSMENT_PREFIX,
  SelfAssessmentEntity,
} from '../repository/self-assessment-entity.ts';

/**
 * What an erasure leaves of a young person's self-assessments: the direction figures are
 * counted from the assessments themselves, so, like the profile's stub, each assessment becomes
 * an anonymous copy under the erasure's stub id (`YOUTH#<stub>` / `SELFASSESS#ERASED-<new id>`)
 * holding its municipality, day, occasion kind, version and scores — no task or placement id,
 * nothing of the old id — and the programme figures stay as they were. Each original is deleted
 * in the transaction that writes its copy, so an erasure that stops half-way and is run again
 * (under the same stub id, reserved on the profile) copies each assessment exactly once.
 */

/** Pairs (delete the original, put its copy) per transaction: 100 actions at most. */
const PAIRS_PER_TRANSACTION = 50;

/** Whether an item of the collection is a self-assessment. */
export function isSelfAssessmentItem(item: Item): boolean {
  return item.sk.startsWith(SELF_ASSESSMENT_PREFIX);
}

/**
 * The transactions that replace a young person's self-assessments by anonymous copies.
 *
 * @param items - the assessments' items, from the young person's collection
 * @param stubYouthId - the erasure's stub id
 */
export function anonymiseSelfAssessments(
  items: readonly Item[],
  stubYouthId: string,
): TransactAction[][] {
  const actions = items.map((item): TransactAction[] => {
    const assessment = SelfAssessmentEntity.fromItem(item);
    const copy = SelfAssessmentEntity.toItem({
      ...assessment,
      youthId: stubYouthId,
      occasionKey: `ERASED-${newId()}`,
      taskId: null,
      placementId: null,
    });
    return [{ delete: { pk: item.pk, sk: item.sk } }, { put: copy, condition: itemMustNotExist }];
  });
  const transactions: TransactAction[][] = [];
  for (let start = 0; start < actions.length; start += PAIRS_PER_TRANSACTION) {
    transactions.push(actions.slice(start, start + PAIRS_PER_TRANSACTION).flat());
  }
  return transactions;
}
