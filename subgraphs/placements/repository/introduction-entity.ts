import { defineEntity } from '#kernel/entity';
import { type ItemKey, key, PREFIX } from '#kernel/keys';
import { type Introduction, IntroductionSchema } from '../domain/introduction.ts';
import { PLACEMENTS_PREFIX } from './prefixes.ts';

/** Primary key of an introduction's item. */
export function introductionKey(introductionId: string): ItemKey {
  return {
    pk: key(PLACEMENTS_PREFIX.introduction, introductionId),
    sk: key(PLACEMENTS_PREFIX.introduction, introductionId),
  };
}

/** Partition (gsi1) of a young person's introductions, by time made. */
export function introductionsOfYouthPartition(youthId: string): string {
  return key(PREFIX.youth, youthId, 'INTRODUCTIONS');
}

/** The team's introduction of a young person to a company, listed by young person. */
export const IntroductionEntity = defineEntity<Introduction>({
  name: 'Introduction',
  schema: IntroductionSchema,
  key: (introduction) => introductionKey(introduction.id),
  indexes: {
    gsi1: (introduction) => ({
      pk: introductionsOfYouthPartition(introduction.youthId),
      sk: `${introduction.createdAt}#${introduction.id}`,
    }),
  },
});
