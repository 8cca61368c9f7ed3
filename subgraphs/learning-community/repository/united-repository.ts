import type { Connection } from '#kernel/connection';
import type { ItemLoader } from '#kernel/entity-loader';
import type { ListingReader, PageRequest } from '#kernel/listing';
import type { TeamTraining } from '../domain/team-training.ts';
import type { UnitedGathering } from '../domain/united-gathering.ts';
import {
  gatheringKey,
  gatheringsQuery,
  TeamTrainingEntity,
  trainingKey,
  trainingsQuery,
  UnitedGatheringEntity,
} from './united-entity.ts';

/** One gathering through the request's batching loader. */
export function loadGathering(
  loader: ItemLoader,
  gatheringId: string,
): Promise<UnitedGathering | undefined> {
  return UnitedGatheringEntity.loadOne(loader, gatheringKey(gatheringId));
}

/** One page of gatherings, newest first. */
export function listGatherings(
  reader: ListingReader,
  page: PageRequest,
): Promise<Connection<UnitedGathering>> {
  return UnitedGatheringEntity.page(reader, { query: gatheringsQuery }, page);
}

/** One team training, read strongly consistent (answering a repeated recording). */
export function loadTraining(
  loader: ItemLoader,
  trainingId: string,
): Promise<TeamTraining | undefined> {
  return TeamTrainingEntity.loadOne(loader, trainingKey(trainingId));
}

/** One page of team trainings, newest first. */
export function listTrainings(
  reader: ListingReader,
  page: PageRequest,
): Promise<Connection<TeamTraining>> {
  return TeamTrainingEntity.page(reader, { query: trainingsQuery }, page);
}
