import type { ItemKey } from '../keys.ts';
import { monthCounterAttribute } from '../month-counters.ts';
import { allOf, countersHold, itemMustExist } from '../table/expressions.ts';
import {
  ConditionFailedError,
  type Item,
  type Table,
  TransactionConflictError,
} from '../table/table.ts';
import type { Checkpoint, Migration } from './migration.ts';

/**
 * Where a subgraph kept one item per municipality and month before its months were folded into
 * its counter item (commit 4eadb06, `#kernel/month-counters`), and where they go now.
 */
export interface MonthItemsOfOld {
  /** The municipalities whose figures the subgraph keeps. */
  municipalities(table: Table): Promise<string[]>;
  /** A municipality's old month items: their partition and the sort key before the month. */
  monthItems(code: string): { partition: string; prefix: string };
  /** The counter item the months fold into, and the attributes every update of it sets. */
  counterItem(code: string): { key: ItemKey; names: Record<string, string> };
}

const PAGE = 25;
const ATTEMPTS = 5;
/** Attributes of an old month item that are not counters. */
const NOT_COUNTERS = new Set(['pk', 'sk', 'entity', 'municipalityCode', 'month']);

/**
 * A migration that folds a subgraph's old month items (`…#MONTH#2026-11`, a number attribute
 * per counter) into its counter item (`2026-11#<counter>`), municipality by municipality, page
 * by page.
 *
 * Each month item is folded in one transaction that `ADD`s its counters to the counter item and
 * deletes it, on condition that its counters still hold what was read: so it is added exactly
 * once (a second pass finds it gone), live writes' `ADD`s to the counter item meanwhile are kept
 * (an `ADD` of a delta, never a `SET`), and a month item that changed after it was read is read
 * again rather than deleted with a change unfolded.
 *
 * @param id - the migration's id
 * @param description - what it folds
 * @param old - where the subgraph's month items were and where they go
 */
export function foldMonthItemsMigration(
  id: string,
  description: string,
  old: MonthItemsOfOld,
): Migration {
  return {
    id,
    description,
    async run(table, checkpoint) {
      const codes = (await old.municipalities(table)).sort();
      const from = checkpoint.resumeFrom;
      for (const code of codes) {
        if (from && code < String(from.code)) continue;
        const startSk = from && code === String(from.code) ? String(from.sk) : undefined;
        await foldMunicipality(table, checkpoint, old, code, startSk);
      }
    },
  };
}

async function foldMunicipality(
  table: Table,
  checkpoint: Checkpoint,
  old: MonthItemsOfOld,
  code: string,
  startSk: string | undefined,
): Promise<void> {
  const { partition, prefix } = old.monthItems(code);
  let startKey = startSk === undefined ? undefined : { pk: partition, sk: startSk };
  do {
    const page = await table.query({
      partition,
      beginsWith: prefix,
      limit: PAGE,
      ...(startKey ? { startKey } : {}),
    });
    let touched = 0;
    for (const item of page.items) {
      if (await foldOne(table, old.counterItem(code), item, item.sk.slice(prefix.length))) {
        touched += 1;
      }
    }
    const last = page.items.at(-1);
    if (last) await checkpoint.save({ code, sk: last.sk }, touched);
    startKey = page.lastKey as ItemKey | undefined;
  } while (startKey);
}

/** Folds one month item; false when it was gone already (folded by an earlier run). */
async function foldOne(
  table: Table,
  counterItem: { key: ItemKey; names: Record<string, string> },
  read: Item,
  month: string,
): Promise<boolean> {
  let item: Item | undefined = read;
  for (let attempt = 1; item; attempt++) {
    const counters = countersOf(item);
    const add = Object.fromEntries(
      Object.entries(counters)
        .filter(([, n]) => n !== 0)
        .map(([counter, n]) => [monthCounterAttribute(month, counter), n]),
    );
    try {
      await table.transact([
        ...(Object.keys(add).length > 0
          ? [{ update: counterItem.key, spec: { set: { ...counterItem.names }, add } }]
          : []),
        {
          delete: { pk: item.pk, sk: item.sk },
          condition: allOf(itemMustExist, countersHold(counters)),
        },
      ]);
      return true;
    } catch (error) {
      const retry =
        error instanceof ConditionFailedError || error instanceof TransactionConflictError;
      if (!retry || attempt >= ATTEMPTS) throw error;
    }
    item = await table.get({ pk: read.pk, sk: read.sk });
  }
  return false;
}

function countersOf(item: Item): Record<string, number> {
  return Object.fromEntries(
    Object.entries(item).filter(
      (entry): entry is [string, number] =>
        !NOT_COUNTERS.has(entry[0]) && typeof entry[1] === 'number',
    ),
  );
}
