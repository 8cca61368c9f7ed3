import { isStaffOf, requireIdentity } from '#kernel/authorisation';
import type { Connection } from '#kernel/connection';
import type { SubgraphContext } from '#kernel/context';
import type { PageRequest } from '../repository/paging.ts';
import { loadLearnings, searchLearnings } from '../repository/practice-learning-repository.ts';
import { listGatherings, listTrainings, loadGatherings } from '../repository/united-repository.ts';
import { requireUnitedReader } from './access.ts';
import type { LearningSearch, PracticeLearning } from './practice-learning.ts';
import type { TeamTraining } from './team-training.ts';
import type { UnitedGathering } from './united-gathering.ts';

/**
 * NEXTWORK United is open to every municipal team and the programme office; which team member
 * shared a learning, took part or trained is personal data, shown to their own team only.
 */

/** One page of practice learnings, newest first, by tag or title words. */
export function findPracticeLearnings(
  context: SubgraphContext,
  search: LearningSearch,
  page: PageRequest,
): Promise<Connection<PracticeLearning>> {
  requireUnitedReader(requireIdentity(context));
  return searchLearnings(context.table, context.loader, context.cursors, search, page);
}

/** One practice learning by id; null when none exists. */
export async function findPracticeLearning(
  context: SubgraphContext,
  learningId: string,
): Promise<PracticeLearning | null> {
  requireUnitedReader(requireIdentity(context));
  const [learning] = await loadLearnings(context.loader, [learningId]);
  return learning ?? null;
}

/** One page of gatherings, newest first. */
export function findGatherings(
  context: SubgraphContext,
  page: PageRequest,
): Promise<Connection<UnitedGathering>> {
  requireUnitedReader(requireIdentity(context));
  return listGatherings(context.table, context.cursors, page);
}

/** One gathering by id; null when none exists. */
export async function findGathering(
  context: SubgraphContext,
  gatheringId: string,
): Promise<UnitedGathering | null> {
  requireUnitedReader(requireIdentity(context));
  const [gathering] = await loadGatherings(context.loader, [gatheringId]);
  return gathering ?? null;
}

/** One page of team trainings, newest first. */
export function findTrainings(
  context: SubgraphContext,
  page: PageRequest,
): Promise<Connection<TeamTraining>> {
  requireUnitedReader(requireIdentity(context));
  return listTrainings(context.table, context.cursors, page);
}

/**
 * A team member named in NEXTWORK United, for their own municipality's team only: everyone
 * else sees the municipality and the role, not the person.
 *
 * @param context - the request
 * @param staffId - the team member, when one is named
 * @param municipalityCode - their municipality
 */
export function staffVisibleToOwnTeam(
  context: SubgraphContext,
  staffId: string | undefined,
  municipalityCode: string | undefined,
): { id: string } | null {
  const identity = requireUnitedReader(requireIdentity(context));
  if (!staffId || !municipalityCode || !isStaffOf(identity, municipalityCode)) return null;
  return { id: staffId };
}
