import type { Connection } from '#kernel/connection';
import type { CursorCodec, CursorKey } from '#kernel/cursor';
import type { ItemLoader } from '#kernel/entity-loader';
import { type ListingReader, type PageRequest, positionOf } from '#kernel/listing';
import type { Item } from '#kernel/table/table';
import type { UnitOfWork } from '#kernel/unit-of-work';
import {
  type LearningSearch,
  matchesSearch,
  type PracticeLearning,
} from '../domain/practice-learning.ts';
import {
  LearningIndexEntity,
  learningIndexEntries,
  learningKey,
  PracticeLearningEntity,
  recentLearningsQuery,
  tagPartition,
  wordPartition,
} from './practice-learning-entity.ts';

/** Index items read per round trip while searching. */
const SEARCH_READ_SIZE = 100;
/** Round trips one search page may take before it returns what it found so far. */
const MAX_SEARCH_READS = 10;

/**
 * Stages a new learning and its tag and title-word index items.
 *
 * @param work - the unit of work
 * @param learning - the learning
 */
export function stageLearning(work: UnitOfWork, learning: PracticeLearning): PracticeLearning {
  work.create(PracticeLearningEntity, learning);
  for (const entry of learningIndexEntries(learning)) work.create(LearningIndexEntity, entry);
  return learning;
}

/** Learnings by id through the request's batching loader; undefined where none exists. */
export function loadLearnings(
  loader: ItemLoader,
  learningIds: readonly string[],
): Promise<Array<PracticeLearning | undefined>> {
  return PracticeLearningEntity.load(loader, learningIds.map(learningKey));
}

/** One learning, read strongly consistent (answering a repeated share). */
export function loadLearning(
  loader: ItemLoader,
  learningId: string,
): Promise<PracticeLearning | undefined> {
  return PracticeLearningEntity.loadOne(loader, learningKey(learningId));
}

/** What a search reads and where it resumes. */
interface SearchReader extends ListingReader {
  cursors: CursorCodec;
  loader: ItemLoader;
}

/**
 * One page of learnings, newest first: every learning without search terms; otherwise the
 * index partition of the tag (or of the first title word), with the other terms checked on the
 * index items. Nothing scans the table: a search reads one partition of the index, at most
 * {@link MAX_SEARCH_READS} round trips a page; `endCursor` resumes where reading stopped.
 *
 * @param reader - the request's table, cursors and loader
 * @param search - the tag and words
 * @param page - page size and cursor
 */
export async function searchLearnings(
  reader: SearchReader,
  search: LearningSearch,
  page: PageRequest,
): Promise<Connection<PracticeLearning>> {
  const firstWord = search.words[0];
  if (!search.tag && !firstWord) {
    return PracticeLearningEntity.page(reader, { query: recentLearningsQuery }, page);
  }
  const { table, cursors, loader } = reader;
  const partition = search.tag ? tagPartition(search.tag) : wordPartition(firstWord ?? '');
  const scope = ['learning-search', search.tag ?? '', ...search.words].join('|');
  let startKey: CursorKey | undefined = page.after ? cursors.decode(page.after, scope) : undefined;
  const matches: Item[] = [];
  let lastRead: Item | undefined;
  let exhausted = false;
  for (let reads = 0; reads < MAX_SEARCH_READS && matches.length <= page.first; reads++) {
    const result = await table.query({
      partition,
      forward: false,
      limit: SEARCH_READ_SIZE,
      ...(startKey ? { startKey } : {}),
    });
    for (const item of result.items) {
      if (matches.length > page.first) break;
      lastRead = item;
      if (matchesSearch(LearningIndexEntity.fromItem(item), search)) matches.push(item);
    }
    if (!result.lastKey) {
      exhausted = matches.length <= page.first;
      break;
    }
    startKey = result.lastKey;
  }
  const shown = matches.slice(0, page.first);
  const learnings = await loadLearnings(
    loader,
    shown.map((item) => LearningIndexEntity.fromItem(item).learningId),
  );
  const edges = shown.flatMap((item, i) => {
    const node = learnings[i];
    return node ? [{ cursor: cursors.encode(positionOf(item), scope), node }] : [];
  });
  const hasNextPage = matches.length > page.first || !exhausted;
  // Resume after the last edge when the page is full, else after the last index item read.
  const resumeAt = matches.length > page.first ? shown.at(-1) : lastRead;
  return {
    edges,
    pageInfo: {
      hasNextPage,
      endCursor:
        resumeAt && hasNextPage
          ? cursors.encode(positionOf(resumeAt), scope)
          : (edges.at(-1)?.cursor ?? null),
    },
  };
}
