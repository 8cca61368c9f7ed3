import { type ItemKey, key } from '#kernel/keys';
import type { Item } from '#kernel/table/table';
import { type TeamTraining, TeamTrainingSchema } from '../domain/team-training.ts';
import { type UnitedGathering, UnitedGatheringSchema } from '../domain/united-gathering.ts';
import { LC_PREFIX } from './prefixes.ts';

/** Index partition (gsi1) of every gathering, by first day. */
const GATHERINGS = key(LC_PREFIX.united, 'GATHERINGS');
/** Index partition (gsi1) of every team training, by first day. */
const TRAININGS = key(LC_PREFIX.united, 'TRAININGS');

/** Primary key of a gathering's item. */
export function gatheringKey(gatheringId: string): ItemKey {
  return { pk: key(LC_PREFIX.gathering, gatheringId), sk: key(LC_PREFIX.gathering, gatheringId) };
}

/** The stored item of a gathering. */
export function gatheringToItem(gathering: UnitedGathering): Item {
  return {
    ...gatheringKey(gathering.id),
    entity: 'UnitedGathering',
    gsi1pk: GATHERINGS,
    gsi1sk: key(gathering.startDate, gathering.id),
    ...gathering,
  };
}

/** A gathering from its stored item. */
export function gatheringFromItem(item: Item): UnitedGathering {
  return UnitedGatheringSchema.parse(item);
}

/** The query of every gathering, newest first. */
export const gatheringsQuery = { index: 'gsi1' as const, partition: GATHERINGS, forward: false };

/** Primary key of a team training's item. */
export function trainingKey(trainingId: string): ItemKey {
  return { pk: key(LC_PREFIX.training, trainingId), sk: key(LC_PREFIX.training, trainingId) };
}

/** The stored item of a team training. */
export function trainingToItem(training: TeamTraining): Item {
  return {
    ...trainingKey(training.id),
    entity: 'TeamTraining',
    gsi1pk: TRAININGS,
    gsi1sk: key(training.startDate, training.id),
    ...training,
  };
}

/** A team training from its stored item. */
export function trainingFromItem(item: Item): TeamTraining {
  return TeamTrainingSchema.parse(item);
}

/** The query of every team training, newest first. */
export const trainingsQuery = { index: 'gsi1' as const, partition: TRAININGS, forward: false };
