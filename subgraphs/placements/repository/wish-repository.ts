import type { Connection } from '#kernel/connection';
import type { ItemLoader } from '#kernel/entity-loader';
import { key, PREFIX } from '#kernel/keys';
import type { ListingReader, PageRequest } from '#kernel/listing';
import type { Table } from '#kernel/table/table';
import type { Wish } from '../domain/wish.ts';
import type { WishFigureFacts } from '../domain/wish-figures.ts';
import { YouthFactsEntity } from './shared-items.ts';
import {
  WishEntity,
  wishesOfCompanyPartition,
  wishesOfYouthPartition,
  wishFigureFactsOf,
  wishKey,
} from './wish-entity.ts';

/** Wishes by id through the request's batching loader; undefined where none exists. */
export function loadWishes(
  loader: ItemLoader,
  ids: readonly string[],
): Promise<Array<Wish | undefined>> {
  return WishEntity.load(loader, ids.map(wishKey));
}

/** One wish, through the loader (strongly consistent) (for a write that follows). */
export function loadWish(loader: ItemLoader, id: string): Promise<Wish | undefined> {
  return WishEntity.loadOne(loader, wishKey(id));
}

/**
 * What the figures count of every wish listed under a young person, wishes and erased stubs
 * alike (maintenance: the recount).
 */
export async function readWishFiguresOfYouth(
  table: Table,
  youthId: string,
): Promise<WishFigureFacts[]> {
  const items = await table.queryAll({ index: 'gsi1', partition: wishesOfYouthPartition(youthId) });
  return items.map(wishFigureFactsOf);
}

/**
 * What the figures count of every wish a municipality's young people (those listed on the
 * people subgraph's gsi1; erased ones' stubs are listed elsewhere) made in that municipality
 * (maintenance: the wish counters' migration). Reads whole partitions, never on a request path.
 */
export async function readWishFiguresOfMunicipality(
  table: Table,
  municipalityCode: string,
): Promise<WishFigureFacts[]> {
  const youth = await YouthFactsEntity.readAll(table, {
    index: 'gsi1',
    partition: key(PREFIX.municipality, municipalityCode, PREFIX.youth),
  });
  const wishes: WishFigureFacts[] = [];
  for (const person of youth) {
    const own = await readWishFiguresOfYouth(table, person.id);
    wishes.push(...own.filter((wish) => wish.municipalityCode === municipalityCode));
  }
  return wishes;
}

/** Every wish of a young person (a handful by design), strongly consistent, for rule checks. */
export function readAllWishesOfYouth(table: Table, youthId: string): Promise<Wish[]> {
  return WishEntity.readAll(table, { index: 'gsi1', partition: wishesOfYouthPartition(youthId) });
}

/** A page of a young person's wishes in their order of preference (one query of gsi1). */
export function listWishesByYouth(
  reader: ListingReader,
  youthId: string,
  page: PageRequest,
): Promise<Connection<Wish>> {
  const partition = wishesOfYouthPartition(youthId);
  return WishEntity.page(reader, { query: { index: 'gsi1', partition }, scope: partition }, page);
}

/** A page of the wishes addressed to a company, newest first (one query of gsi2). */
export function listWishesByCompany(
  reader: ListingReader,
  companyId: string,
  page: PageRequest,
): Promise<Connection<Wish>> {
  const partition = wishesOfCompanyPartition(companyId);
  return WishEntity.page(
    reader,
    { query: { index: 'gsi2', partition, forward: false }, scope: partition },
    page,
  );
}
