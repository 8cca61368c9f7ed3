import { beforeAll, describe, expect, it } from 'vitest';
import type { ItemKey } from '#kernel/keys';
import { MAX_FIX_ATTEMPTS } from '#kernel/recount-report';
import type { Condition, UpdateSpec } from '#kernel/table/expressions';
import { type Item, Table } from '#kernel/table/table';
import { recountPeopleFigures } from '#people/maintenance/recount';
import { youthStatsKey } from '#people/repository/youth-stats-entity';
import { givenMunicipalities, givenYouth, ROSKILDE } from '../support/people-factories.ts';
import { createTestTable } from '../support/table.ts';

/**
 * `recount --fix` while live writes go on: a write that lands between the recount's read of the
 * kept figures and its fix must survive the fix, and the fix must still converge. The writes are
 * interleaved deterministically: the recount is given the same table through a view that makes
 * a real enrolment (the real write path, on the real table) at the chosen moment.
 */

type Moment = 'afterKeptRead' | 'beforeFix';

/** The table, with a live enrolment in Roskilde at a moment of the recount of its counter item. */
class TableWithLiveWrites extends Table {
  enrolments = 0;

  constructor(
    private readonly real: Table,
    private readonly moment: Moment,
    private readonly times: number,
  ) {
    super(real.client, real.name);
  }

  private async enrolIfDue(moment: Moment, itemKey: ItemKey): Promise<void> {
    const statsKey = youthStatsKey(ROSKILDE);
    if (moment !== this.moment || itemKey.pk !== statsKey.pk || itemKey.sk !== statsKey.sk) return;
    if (this.enrolments >= this.times) return;
    this.enrolments += 1;
    await givenYouth(this.real, { municipalityCode: ROSKILDE, enrolledAt: '2026-10-05' });
  }

  override async get(itemKey: ItemKey): Promise<Item | undefined> {
    const item = await super.get(itemKey);
    await this.enrolIfDue('afterKeptRead', itemKey);
    return item;
  }

  override async update(itemKey: ItemKey, spec: UpdateSpec, condition?: Condition): Promise<Item> {
    await this.enrolIfDue('beforeFix', itemKey);
    return super.update(itemKey, spec, condition);
  }
}

async function enrolledCount(table: Table): Promise<number> {
  return Number((await table.get(youthStatsKey(ROSKILDE)))?.ENROLLED ?? 0);
}

describe('recount --fix under live writes', () => {
  let table: Table;

  beforeAll(async () => {
    table = await createTestTable();
    await givenMunicipalities(table);
    await givenYouth(table, { municipalityCode: ROSKILDE, enrolledAt: '2026-09-07' });
    await givenYouth(table, { municipalityCode: ROSKILDE, enrolledAt: '2026-09-14' });
  });

  it.each<Moment>(['beforeFix', 'afterKeptRead'])(
    'keeps an enrolment made %s and corrects the drift',
    async (moment) => {
      // Prepare
      const before = await enrolledCount(table);
      await table.update(youthStatsKey(ROSKILDE), { add: { ENROLLED: 3 } });
      const live = new TableWithLiveWrites(table, moment, 1);
      // Act
      const report = await recountPeopleFigures(live, { fix: true });
      const after = await recountPeopleFigures(table);
      // Assess
      expect(live.enrolments).toBe(1);
      expect(report.fixed).toBe(true);
      expect(report.notFixed).toEqual([]);
      expect(after.differences).toEqual([]);
      expect(await enrolledCount(table)).toBe(before + 1);
    },
  );

  it('reports an item that live writes keep changing as not fixed, and loses none of them', async () => {
    // Prepare
    const before = await enrolledCount(table);
    await table.update(youthStatsKey(ROSKILDE), { add: { ENROLLED: 2 } });
    const live = new TableWithLiveWrites(table, 'beforeFix', Number.POSITIVE_INFINITY);
    // Act
    const report = await recountPeopleFigures(live, { fix: true });
    // Assess
    expect(live.enrolments).toBe(MAX_FIX_ATTEMPTS);
    expect(report.fixed).toBe(false);
    expect(report.notFixed).toEqual([youthStatsKey(ROSKILDE)]);
    expect(await enrolledCount(table)).toBe(before + 2 + MAX_FIX_ATTEMPTS);
  });
});
