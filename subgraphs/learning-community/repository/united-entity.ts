import { defineEntity } from '#kernel/entity';
import { type ItemKey, key } from '#kernel/keys';
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

/** A gathering of NEXTWORK United, listed newest first on gsi1. */
export const UnitedGatheringEntity = defineEntity<UnitedGathering>({
  name: 'UnitedGathering',
  schema: UnitedGatheringSchema,
  key: (gathering) => gatheringKey(gathering.id),
  indexes: {
    gsi1: (gathering) => ({ pk: GATHERINGS, sk: key(gathering.startDate, gathering.id) }),
  },
});

/** The listing of every gathering, newest first. */
export const gatheringsQuery = { index: 'gsi1' as const, partition: GATHERINGS, forward: false };

/** Primary key of a team training's item. */
export function trainingKey(trainingId: string): ItemKey {
  return { pk: key(LC_PREFIX.training, trainingId), sk: key(LC_PREFIX.training, trainingId) };
}

/** The training of a new team, listed newest first on gsi1. */
export const TeamTrainingEntity = defineEntity<TeamTraining>({
  name: 'TeamTraining',
  schema: TeamTrainingSchema,
  key: (training) => trainingKey(training.id),
  indexes: { gsi1: (training) => ({ pk: TRAININGS, sk: key(training.startDate, training.id) }) },
});

/** The listing of every team training, newest first. */
export const trainingsQuery = { index: 'gsi1' as const, partition: TRAININGS, forward: false };
