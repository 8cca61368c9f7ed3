import type { Connection } from '#kernel/connection';
import type { SubgraphContext } from '#kernel/context';
import type { PageRequest } from '#kernel/listing';
import { loadLearnings, searchLearnings } from '../repository/practice-learning-repository.ts';
import { listGatherings, listTrainings, loadGathering } from '../repository/united-repository.ts';
import type { LearningSearch, PracticeLearning } from './practice-learning.ts';
import type { TeamTraining } from './team-training.ts';
import type { UnitedGathering } from './united-gathering.ts';

/**
 * Reads of NEXTWORK United. It is open to every municipal team and the programme office (the
 * rules of `Query` in `authorisation-rules.ts`); these only read.
 */

/** One page of practice learnings, newest first, by tag or title words. */
export function findPracticeLearnings(
  context: SubgraphContext,
  search: LearningSearch,
  page: PageRequest,
): Promise<Connection<PracticeLearning>> {
  return searchLearnings(context, search, page);
}

/** One practice learning by id; null when none exists. */
export async function findPracticeLearning(
  context: SubgraphContext,
  learningId: string,
): Promise<PracticeLearning | null> {
  const [learning] = await loadLearnings(context.loader, [learningId]);
  return learning ?? null;
}

/** One page of gatherings, newest first. */
export function findGatherings(
  context: SubgraphContext,
  page: PageRequest,
): Promise<Connection<UnitedGathering>> {
  return listGatherings(context, page);
}

/** One gathering by id; null when none exists. */
export async function findGathering(
  context: SubgraphContext,
  gatheringId: string,
): Promise<UnitedGathering | null> {
  return (await loadGathering(context.loader, gatheringId)) ?? null;
}

/** One page of team trainings, newest first. */
export function findTrainings(
  context: SubgraphContext,
  page: PageRequest,
): Promise<Connection<TeamTraining>> {
  return listTrainings(context, page);
}
