import { DomainRuleError } from '#kernel/errors';
import type { ParticipantTask } from '../repository/self-assessment-repository.ts';
import type { SelfAssessmentOccasion } from './self-assessment.ts';
import type { SelfAssessmentVersion } from './self-assessment-items.ts';

/** Stable codes of the rules `recordSelfAssessment` checks, as user errors carry them. */
export const SELF_ASSESSMENT_RULE = {
  UNKNOWN_ITEM: 'UNKNOWN_ITEM',
  ITEM_REPEATED: 'ITEM_REPEATED',
  ITEM_MISSING: 'ITEM_MISSING',
  TASK_NOT_FOUND: 'TASK_NOT_FOUND',
  ALREADY_ANSWERED: 'ALREADY_ANSWERED',
} as const;

/** One answer as the input gives it. */
export interface AnswerInput {
  itemKey: string;
  score: number;
}

/**
 * The scores of a complete answer to the current version: every item once, no other key —
 * otherwise the user error naming the first answer (or item) that breaks it.
 *
 * @param answers - the answers as given
 * @param version - the version the app shows now
 * @returns item key → score
 */
export function requireCompleteAnswers(
  answers: readonly AnswerInput[],
  version: SelfAssessmentVersion,
): Record<string, number> {
  const known = new Set(version.items.map(({ key }) => key));
  const scores: Record<string, number> = {};
  answers.forEach(({ itemKey, score }, index) => {
    if (!known.has(itemKey)) {
      throw new DomainRuleError(
        SELF_ASSESSMENT_RULE.UNKNOWN_ITEM,
        `The self-assessment (version ${version.version}) has no item ${itemKey}`,
        ['answers', String(index), 'itemKey'],
      );
    }
    if (itemKey in scores) {
      throw new DomainRuleError(
        SELF_ASSESSMENT_RULE.ITEM_REPEATED,
        `Item ${itemKey} is answered more than once`,
        ['answers', String(index), 'itemKey'],
      );
    }
    scores[itemKey] = score;
  });
  const missing = version.items.find(({ key }) => !(key in scores));
  if (missing) {
    throw new DomainRuleError(
      SELF_ASSESSMENT_RULE.ITEM_MISSING,
      `Every item must be answered; ${missing.key} is not`,
      ['answers'],
    );
  }
  return scores;
}

/** The occasion a participant task asks a self-assessment at. */
const TASK_OCCASIONS: Readonly<Record<string, SelfAssessmentOccasion>> = {
  CHECKPOINT: 'CHECKPOINT',
  FOLLOW_UP: 'FOLLOW_UP',
};

/**
 * The occasion of the young person's own self-assessment task: the user error `TASK_NOT_FOUND`
 * on `taskId` when they have no such task, or it asks for something else (feedback) or of
 * someone else (the company) — one answer for all, so nothing is learnt about others' tasks.
 *
 * @param task - the task read from the young person's own collection
 */
export function requireSelfAssessmentTask(task: ParticipantTask | undefined): {
  occasion: SelfAssessmentOccasion;
  placementId: string;
} {
  const occasion = task && TASK_OCCASIONS[task.occasion];
  if (!task || !occasion || task.kind !== 'SELF_ASSESSMENT' || task.assignee !== 'YOUTH') {
    throw new DomainRuleError(
      SELF_ASSESSMENT_RULE.TASK_NOT_FOUND,
      'You have no open self-assessment task with this id',
      ['taskId'],
    );
  }
  return { occasion, placementId: task.placementId };
}

/**
 * Refuses a second answer to an occasion already answered.
 *
 * @param answered - whether an assessment of the occasion exists
 * @param taskGiven - whether the occasion is a task (else the enrolment)
 */
export function requireNotAnswered(answered: boolean, taskGiven: boolean): void {
  if (!answered) return;
  throw new DomainRuleError(
    SELF_ASSESSMENT_RULE.ALREADY_ANSWERED,
    taskGiven
      ? 'This self-assessment task is already answered'
      : 'The enrolment self-assessment is already answered',
    taskGiven ? ['taskId'] : undefined,
  );
}
