import { type ItemKey, key } from '#kernel/keys';
import type { Item } from '#kernel/table/table';
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

/** The partition that indexes the learnings with a tag, newest last. */
export function tagPartition(tag: string): string {
  return key(LC_PREFIX.learning, 'TAG', tag);
}

/** The partition that indexes the learnings with a word in their title, newest last. */
export function wordPartition(word: string): string {
  return key(LC_PREFIX.learning, 'WORD', word);
}

/** The stored item of a learning. */
export function learningToItem(learning: PracticeLearning): Item {
  return {
    ...learningKey(learning.id),
    entity: 'PracticeLearning',
    gsi1pk: RECENT_LEARNINGS,
    gsi1sk: key(learning.sharedAt, learning.id),
    ...learning,
  };
}

/** A learning from its stored item. */
export function learningFromItem(item: Item): PracticeLearning {
  return PracticeLearningSchema.parse(item);
}

/**
 * The index items of a learning: one in the partition of each tag and of each title word, each
 * carrying the learning's tags and title words so that a search on several terms reads one
 * partition and checks the other terms on the index items themselves.
 */
export function learningIndexItems(learning: PracticeLearning): Item[] {
  const titleWords = wordsOf(learning.title);
  const index = (pk: string): Item => ({
    pk,
    sk: key(learning.sharedAt, learning.id),
    entity: 'PracticeLearningIndex',
    learningId: learning.id,
    tags: learning.tags,
    titleWords,
  });
  return [
    ...learning.tags.map((tag) => index(tagPartition(tag))),
    ...titleWords.map((w) => index(wordPartition(w))),
  ];
}

/** What an index item says about its learning. */
export function indexEntryFromItem(item: Item): {
  learningId: string;
  tags: string[];
  titleWords: string[];
} {
  return {
    learningId: String(item.learningId),
    tags: (item.tags as string[] | undefined) ?? [],
    titleWords: (item.titleWords as string[] | undefined) ?? [],
  };
}

/** The query of every learning, newest first. */
export const recentLearningsQuery = {
  index: 'gsi1' as const,
  partition: RECENT_LEARNINGS,
  forward: false,
};
