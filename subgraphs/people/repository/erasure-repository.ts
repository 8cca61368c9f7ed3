import { AUDIT_KEYS, auditRecordFromItem } from '#kernel/audit';
import type { CursorKey } from '#kernel/cursor';
import { newId } from '#kernel/keys';
import { ConditionFailedError, type Table } from '#kernel/table/table';
import type { Youth } from '../domain/youth.ts';
import { YouthEntity, youthKey } from './youth-entity.ts';

/**
 * The people subgraph's reads and writes around an erasure: the stub id reserved on the
 * profile while the erasure runs, and the audit record that tells an erased young person from
 * one who never existed.
 */

/** The profile attribute that holds the stub id while an erasure runs (gone with the profile). */
const ERASING_AS = 'erasingAs';

/** A profile about to be erased: the young person, and the stub id of an erasure under way. */
export interface ProfileToErase {
  youth: Youth;
  /** The stub id reserved by an erasure that stopped half-way, if one did. */
  erasingAs: string | undefined;
}

/**
 * A young person's profile as an erasure needs it, read strongly consistent; undefined when
 * there is none (never was, or erased).
 *
 * @param table - the table
 * @param youthId - the young person
 */
export async function readProfileToErase(
  table: Table,
  youthId: string,
): Promise<ProfileToErase | undefined> {
  const item = await table.get(youthKey(youthId));
  if (!item) return undefined;
  const erasingAs = item[ERASING_AS];
  return {
    youth: YouthEntity.fromItem(item),
    erasingAs: typeof erasingAs === 'string' ? erasingAs : undefined,
  };
}

/**
 * The stub id of this young person's erasure: the one already reserved on the profile (an
 * erasure that stopped half-way and runs again keeps it, so every subgraph's stubs refer to the
 * same one), else a new random id reserved now. The reservation is written at once, outside the
 * erasure's unit of work: the subgraphs erase before that unit commits, and a run that stops
 * half-way must find the same id when it runs again. It does not raise the profile's version:
 * it changes nothing anyone reads.
 *
 * @param table - the table
 * @param profile - the profile as read
 * @param now - the clock
 */
export async function reserveStubId(
  table: Table,
  profile: ProfileToErase,
  now: Date,
): Promise<string> {
  if (profile.erasingAs) return profile.erasingAs;
  const stubId = newId(now.getTime());
  const profileKey = youthKey(profile.youth.id);
  try {
    await table.update(
      profileKey,
      { set: { [ERASING_AS]: stubId } },
      {
        expression: 'attribute_exists(pk) AND attribute_not_exists(#erasingAs)',
        names: { '#erasingAs': ERASING_AS },
      },
    );
    return stubId;
  } catch (error) {
    if (!(error instanceof ConditionFailedError)) throw error;
    const again = await table.get(profileKey);
    if (typeof again?.[ERASING_AS] === 'string') return again[ERASING_AS];
    throw error;
  }
}

/** How many pages of a young person's audit trail are read, newest first, to find an erasure. */
const MAX_AUDIT_PAGES = 5;

/** An erasure as its audit record tells it. */
export interface ErasureRecord {
  /** When the young person was erased (ISO instant). */
  at: string;
  /** The young person's municipality, which the record keeps after the profile is gone. */
  municipalityCode: string | undefined;
}

/**
 * When and in which municipality the young person was erased, from the first ERASURE record of
 * their audit trail (the trail outlives the data, for the configured retention; an erasure
 * asked for again records one more, which changed nothing); undefined when none is found.
 *
 * @param table - the table
 * @param youthId - the (old) id of the young person
 */
export async function findErasure(
  table: Table,
  youthId: string,
): Promise<ErasureRecord | undefined> {
  let startKey: CursorKey | undefined;
  let first: ErasureRecord | undefined;
  for (let page = 0; page < MAX_AUDIT_PAGES; page++) {
    const result = await table.query({
      partition: AUDIT_KEYS.youthPartition(youthId),
      forward: false,
      limit: 100,
      ...(startKey ? { startKey } : {}),
    });
    for (const item of result.items) {
      if (item.action !== 'ERASURE') continue;
      const record = auditRecordFromItem(item);
      first = { at: record.at, municipalityCode: record.municipalityCode };
    }
    if (!result.lastKey) break;
    startKey = result.lastKey;
  }
  return first;
}
