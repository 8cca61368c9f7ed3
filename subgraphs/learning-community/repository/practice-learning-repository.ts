import type { Connection } from '#kernel/connection';
import type { CursorCodec, CursorKey } from '#kernel/cursor';
import type { ItemLoader } from '#kernel/entity-loader';
import { itemMustNotExist } from '#kernel/table/expressions';
import type { Item, Table } from '#kernel/table/table';
import {
  type LearningSearch,
  matchesSearch,
  type PracticeLearning,
} from '../domain/practice-learning.ts';
import { type PageRequest, positionOf, queryConnection } from './paging.ts';
import {
  indexEntryFromItem,
  learningFromItem,
  learningIndexItems,
  learningKey,
  learningToItem,
  recentLearningsQuery,
  tagPartition,
  wordPartition,
} from './practice-learning-entity.ts';

/** Index items read per round trip while searching. */
const SEARCH_READ_SIZE = 100;
/** Round trips one search page may take before it returns what it found so far. */
const MAX_SEARCH_READS = 10;

/** Stores a learning and its tag and title-word index items in one transaction. */
export async function shareLearning(table: Table, learning: PracticeLearning): Promise<void> {
  await table.transact([
    { put: learningToItem(learning), condition: itemMustNotExist },
    ...learningIndexItems(learning).map((put) => ({ put })),
  ]);
}

/** Learnings by id through the request's batching loader; undefined where none exists. */
export async function loadLearnings(
  loader: ItemLoader,
  learningIds: readonly string[],
): Promise<Array<PracticeLearning | undefined>> {
  const items = await loader.loadMany(learningIds.map(learningKey));
  return items.map((item) => {
    if (item instanceof Error) throw item;
    return item ? learningFromItem(item) : undefined;
  });
}

/**
 * One page of learnings, newest first: every learning without search terms; otherwise the
 * index partition of the tag (or of the first title word), with the other terms checked on the
 * index items. Nothing scans the table: a search reads one partition of the index, at most
 * {@link MAX_SEARCH_READS} round trips a page; `endCursor` resumes where reading stopped.
 */
export async function searchLearnings(
  table: Table,
  loader: ItemLoader,
  cursors: CursorCodec,
  search: LearningSearch,
  page: PageRequest,
): Promise<Connection<PracticeLearning>> {
  const firstWord = search.words[0];
  if (!search.tag && !firstWord) {
    return queryConnection(table, cursors, recentLearningsQuery, page, learningFromItem);
  }
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
      if (matchesSearch(indexEntryFromItem(item), search)) matches.push(item);
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
    shown.map((item) => indexEntryFromItem(item).learningId),
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
