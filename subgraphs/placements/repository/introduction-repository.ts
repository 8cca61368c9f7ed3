import type { ItemLoader } from '#kernel/entity-loader';
import type { Table } from '#kernel/table/table';
import type { Introduction } from '../domain/introduction.ts';
import {
  IntroductionEntity,
  introductionKey,
  introductionsOfYouthPartition,
} from './introduction-entity.ts';

/** One introduction through the request's loader; undefined when none exists. */
export function loadIntroduction(
  loader: ItemLoader,
  id: string,
): Promise<Introduction | undefined> {
  return IntroductionEntity.loadOne(loader, introductionKey(id));
}

/** Every introduction of a young person (one query of gsi1), for their rights. */
export function readIntroductionsOfYouth(table: Table, youthId: string): Promise<Introduction[]> {
  return IntroductionEntity.readAll(table, {
    index: 'gsi1',
    partition: introductionsOfYouthPartition(youthId),
  });
}
