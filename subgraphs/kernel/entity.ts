import type * as z from 'zod';
import type { Connection } from './connection.ts';
import type { ItemLoader } from './entity-loader.ts';
import type { ItemKey } from './keys.ts';
import { type ListingReader, type PageRequest, positionOf, readPage } from './listing.ts';
import type { IndexName } from './table/definition.ts';
import type { Item, QuerySpec, Table } from './table/table.ts';

/** Where an item sits in one of the table's indexes. */
export interface IndexKey {
  pk: string;
  sk: string;
}

/**
 * One kind of item of the single table, declared once: its name, the zod schema of its domain
 * value, its key, the index keys of its listings, and how the stored item differs from the
 * value where it does. Loading by key, reading a whole (small) partition and listing a page all
 * follow from it, so no repository maps items by hand. (The shape of ElectroDB's and
 * dynamodb-toolbox's entities, kept to what this table needs: neither fitted the bundle budget
 * with its expression builders.)
 */
export interface EntityDefinition<T> {
  /** Stored in every item's `entity` attribute, e.g. `Placement`. */
  name: string;
  /** The domain value's schema: an item read back is checked against it. */
  schema: z.ZodType<T>;
  /** The item's primary key, from the value. */
  key: (value: T) => ItemKey;
  /**
   * The value's place in each index it is listed in; undefined leaves it out of that index
   * (a sparse index, such as the running lifecycles).
   */
  indexes?: Partial<Record<IndexName, (value: T) => IndexKey | undefined>>;
  /**
   * Attributes stored besides the value's own (derived figures, a copy kept for a condition), or
   * in place of them: one named here replaces the value's attribute of that name, and one set to
   * `undefined` leaves it out (a list stored as a string set when it has members, and not at all
   * when empty, since DynamoDB has no empty set and an `ADD` to it must find a set or nothing).
   */
  extra?: (value: T) => Record<string, unknown>;
  /**
   * What the schema reads from a stored item, where the item is not simply the value (an
   * attribute stored under another name, a default for items written before it existed).
   * @default the item itself; the schema drops the key and index attributes
   */
  decode?: (item: Item) => unknown;
}

/** An entity: its definition and everything that follows from it. */
export interface Entity<T> extends EntityDefinition<T> {
  /** The stored item: key, `entity`, index keys, the value's attributes and any extra ones. */
  toItem(value: T): Item;
  /** The value of a stored item, checked by the schema. */
  fromItem(item: Item): T;
  /** The index attributes of a value, every index of the definition (undefined where absent). */
  indexAttributes(value: T): Record<string, string | undefined>;
  /**
   * Values by key through the request's batching loader (one `BatchGetItem` for every key asked
   * for in the same tick); undefined where no item exists.
   */
  load(loader: ItemLoader, keys: readonly ItemKey[]): Promise<Array<T | undefined>>;
  /** One value through the request's batching loader. */
  loadOne(loader: ItemLoader, itemKey: ItemKey): Promise<T | undefined>;
  /** One value read strongly consistent, before a write that depends on it. */
  read(table: Table, itemKey: ItemKey): Promise<T | undefined>;
  /** Every value of a partition that is small by design (one collection, one team). */
  readAll(table: Table, query: Omit<QuerySpec, 'limit' | 'startKey'>): Promise<T[]>;
  /**
   * One page of a listing as a connection: one item more than asked for is read, so
   * `hasNextPage` is exact; the cursors are signed for the listing's scope.
   */
  page(reader: ListingReader, listing: EntityListing, page: PageRequest): Promise<Connection<T>>;
}

/** A listing of an entity: the partition (of the table or an index) and its cursors' scope. */
export interface EntityListing {
  query: Omit<QuerySpec, 'limit' | 'startKey'>;
  /** The listing's identity; a cursor works in its own only. @default index, partition and prefix */
  scope?: string;
}

/** The scope of a listing's cursors: its index, partition and prefix. */
export function listingScope(query: EntityListing['query']): string {
  return [query.index ?? 'table', query.partition, query.beginsWith ?? ''].join('|');
}

function withoutUndefined(value: object): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, attribute] of Object.entries(value)) {
    if (attribute !== undefined) out[name] = attribute;
  }
  return out;
}

/**
 * Declares an entity.
 *
 * @param definition - name, schema, key, indexes and the differences between item and value
 */
export function defineEntity<T>(definition: EntityDefinition<T>): Entity<T> {
  const indexes = Object.entries(definition.indexes ?? {}) as Array<
    [IndexName, (value: T) => IndexKey | undefined]
  >;
  const decode = definition.decode ?? ((item: Item) => item);

  const indexAttributes = (value: T): Record<string, string | undefined> => {
    const attributes: Record<string, string | undefined> = {};
    for (const [index, place] of indexes) {
      const at = place(value);
      attributes[`${index}pk`] = at?.pk;
      attributes[`${index}sk`] = at?.sk;
    }
    return attributes;
  };

  const toItem = (value: T): Item => {
    const extra = definition.extra?.(value) ?? {};
    const own = withoutUndefined(value as object) as Record<string, unknown>;
    for (const [name, stored] of Object.entries(extra)) if (stored === undefined) delete own[name];
    return {
      ...own,
      ...withoutUndefined(extra),
      ...withoutUndefined(indexAttributes(value)),
      ...definition.key(value),
      entity: definition.name,
    };
  };

  const fromItem = (item: Item): T => definition.schema.parse(decode(item));

  const load = async (loader: ItemLoader, keys: readonly ItemKey[]) => {
    const items = await loader.loadMany(keys);
    return items.map((item) => {
      if (item instanceof Error) throw item;
      return item ? fromItem(item) : undefined;
    });
  };

  return {
    ...definition,
    toItem,
    fromItem,
    indexAttributes,
    load,
    async loadOne(loader, itemKey) {
      const [value] = await load(loader, [itemKey]);
      return value;
    },
    async read(table, itemKey) {
      const item = await table.get(itemKey);
      return item ? fromItem(item) : undefined;
    },
    async readAll(table, query) {
      return (await table.queryAll(query)).map(fromItem);
    },
    page(reader, listing, page) {
      const scope = listing.scope ?? listingScope(listing.query);
      return readPage(reader, { query: listing.query, scope }, page, fromItem, (item) =>
        positionOf(item, listing.query.index),
      );
    },
  };
}

/** The domain type of an entity. */
export type EntityValue<E> = E extends Entity<infer T> ? T : never;
