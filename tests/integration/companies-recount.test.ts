import { beforeAll, describe, expect, it } from 'vitest';
import { recountCompanyFigures } from '#companies/maintenance/recount';
import { companyStatsKey } from '#companies/repository/company-stats-entity';
import { monthCounterAttribute } from '#kernel/month-counters';
import type { Table } from '#kernel/table/table';
import { givenCompany } from '../support/companies-factories.ts';
import { givenMunicipalities, ROSKILDE } from '../support/people-factories.ts';
import { createTestTable } from '../support/table.ts';

describe('recount of the company figures on the counter item', () => {
  let table: Table;

  beforeAll(async () => {
    table = await createTestTable();
    await givenMunicipalities(table);
    await givenCompany(table, { municipalityCode: ROSKILDE });
    await givenCompany(table, { municipalityCode: ROSKILDE, status: 'PAUSED' });
    await givenCompany(table, { municipalityCode: ROSKILDE, status: 'LEFT' });
  });

  it('finds a drifted count and a drifted month and corrects both with fix, keeping the rest', async () => {
    // Prepare: the fixture companies joined on 2025-03-01
    const joined = monthCounterAttribute('2025-03', 'joined');
    await table.update(companyStatsKey(ROSKILDE), { add: { active: 2, [joined]: -1 } });
    // Act
    const found = await recountCompanyFigures(table, { fix: true });
    const after = await recountCompanyFigures(table);
    // Assess
    expect(found.differences).toEqual([
      { key: companyStatsKey(ROSKILDE), counter: 'active', kept: 3, recounted: 1 },
      { key: companyStatsKey(ROSKILDE), counter: joined, kept: 2, recounted: 3 },
    ]);
    expect(found.fixed).toBe(true);
    expect(after.differences).toEqual([]);
    expect(await table.get(companyStatsKey(ROSKILDE))).toMatchObject({
      active: 1,
      paused: 1,
      left: 1,
      [joined]: 3,
      [monthCounterAttribute('2025-03', 'activeChange')]: 3,
    });
  });
});
