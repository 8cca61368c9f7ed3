import { AUDIT_KEYS } from '#kernel/audit';
import type { CursorKey } from '#kernel/cursor';
import { newId } from '#kernel/keys';
import { ConditionFailedError, type Item, type Table } from '#kernel/table/table';
import { youthKey } from './youth-entity.ts';

/**
 * The people subgraph's reads and writes around an erasure: the stub id reserved on the
 * profile while the erasure runs, and the audit record that tells an erased young person from
 * one who never existed.
 */

/** The profile attribute that holds the stub id while an erasure runs (gone with the profile). */
const ERASING_AS = 'erasingAs';

/** A young person's profile item as stored, or undefined. */
export function readProfileItem(table: Table, youthId: string): Promise<Item | undefined> {
  return table.get(youthKey(youthId));
}

/**
 * The stub id of this young person's erasure: the one already reserved on the profile (an
 * erasure that stopped half-way and runs again keeps it, so every subgraph's stubs refer to the
 * same one), else a new random id reserved now. The reservation does not raise the profile's
 * version: it changes nothing anyone reads.
 *
 * @param table - the table
 * @param profile - the profile item as read
 * @param now - the clock
 */
export async function reserveStubId(table: Table, profile: Item, now: Date): Promise<string> {
  if (typeof profile[ERASING_AS] === 'string') return profile[ERASING_AS];
  const stubId = newId(now.getTime());
  try {
    await table.update(
      { pk: profile.pk, sk: profile.sk },
      { set: { [ERASING_AS]: stubId } },
      {
        expression: 'attribute_exists(pk) AND attribute_not_exists(#erasingAs)',
        names: { '#erasingAs': ERASING_AS },
      },
    );
    return stubId;
  } catch (error) {
    if (!(error instanceof ConditionFailedError)) throw error;
    const again = await table.get({ pk: profile.pk, sk: profile.sk });
    if (typeof again?.[ERASING_AS] === 'string') return again[ERASING_AS];
    throw error;
  }
}

/** How many pages of a young person's audit trail are read, newest first, to find an erasure. */
const MAX_AUDIT_PAGES = 5;

/**
 * The day (ISO) the young person was erased, from the ERASURE record of their audit trail
 * (the trail outlives the data, for the configured retention); null when none is found.
 *
 * @param table - the table
 * @param youthId - the (old) id of the young person
 */
export async function findErasure(table: Table, youthId: string): Promise<string | null> {
  let startKey: CursorKey | undefined;
  for (let page = 0; page < MAX_AUDIT_PAGES; page++) {
    const result = await table.query({
      partition: AUDIT_KEYS.youthPartition(youthId),
      forward: false,
      limit: 100,
      ...(startKey ? { startKey } : {}),
    });
    const erasure = result.items.find((item) => item.action === 'ERASURE');
    if (erasure) return String(erasure.at);
    if (!result.lastKey) return null;
    startKey = result.lastKey;
  }
  return null;
}
