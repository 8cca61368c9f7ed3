import * as z from 'zod';
import { defineEntity } from '#kernel/entity';
import { type ItemKey, key } from '#kernel/keys';
import { EntityIdSchema } from '#kernel/validation';
import {
  type PracticeLearning,
  PracticeLearningSchema,
  wordsOf,
} from '../domain/practice-learning.ts';
import { LC_PREFIX } from './prefixes.ts';

/** Primary key of a learning's item. */
export function learningKey(learningId: string): ItemKey {
  return { pk: key(LC_PREFIX.learning, learningId), sk: key(LC_PREFIX.learning, learningId) };
}

/** Index partition (gsi1) of every learning, by when it was shared. */
const RECENT_LEARNINGS = key(LC_PREFIX.united, 'LEARNINGS');

/** A learning shared with NEXTWORK United, listed newest first on gsi1. */
export const PracticeLearningEntity = defineEntity<PracticeLearning>({
  name: 'PracticeLearning',
  schema: PracticeLearningSchema,
  key: (learning) => learningKey(learning.id),
  indexes: {
    gsi1: (learning) => ({ pk: RECENT_LEARNINGS, sk: key(learning.sharedAt, learning.id) }),
  },
});

/** The listing of every learning, newest first. */
export const recentLearningsQuery = {
  index: 'gsi1' as const,
  partition: RECENT_LEARNINGS,
  forward: false,
};

/** The partition that indexes the learnings with a tag, newest last. */
export function tagPartition(tag: string): string {
  return key(LC_PREFIX.learning, 'TAG', tag);
}

/** The partition that indexes the learnings with a word in their title, newest last. */
export function wordPartition(word: string): string {
  return key(LC_PREFIX.learning, 'WORD', word);
}

/**
 * One index item of a learning, in the partition of one of its tags or title words. Each
 * carries the learning's tags and title words, so that a search on several terms reads one
 * partition and checks the other terms on the index items themselves.
 */
export const LearningIndexEntrySchema = z.object({
  /** The partition it indexes the learning in: {@link tagPartition} or {@link wordPartition}. */
  partition: z.string(),
  learningId: EntityIdSchema,
  sharedAt: z.string(),
  tags: z.array(z.string()),
  titleWords: z.array(z.string()),
});

/** One index item of a learning. */
export type LearningIndexEntry = z.infer<typeof LearningIndexEntrySchema>;

/** An index item of a learning, sorted in its partition by when the learning was shared. */
export const LearningIndexEntity = defineEntity<LearningIndexEntry>({
  name: 'PracticeLearningIndex',
  schema: LearningIndexEntrySchema,
  key: (entry) => ({ pk: entry.partition, sk: key(entry.sharedAt, entry.learningId) }),
});

/** The index entries of a learning: one per tag and one per title word. */
export function learningIndexEntries(learning: PracticeLearning): LearningIndexEntry[] {
  const titleWords = wordsOf(learning.title);
  const entry = (partition: string): LearningIndexEntry => ({
    partition,
    learningId: learning.id,
    sharedAt: learning.sharedAt,
    tags: learning.tags,
    titleWords,
  });
  return [...learning.tags.map(tagPartition), ...titleWords.map(wordPartition)].map(entry);
}
