import { beforeAll, describe, expect, it } from 'vitest';
import { placeCompanyChildrenOnGsi3 } from '#companies/migrations/0005-children-on-gsi3';
import type { CompanySnapshot } from '#companies/repository/company-snapshot';
import type { Checkpoint, Position } from '#kernel/migrations/migration';
import { sharedKeys } from '#kernel/shared-keys';
import type { Table } from '#kernel/table/table';
import {
  everyItem,
  firstContact,
  firstOpportunity,
  givenCompany,
} from '../support/companies-factories.ts';
import { givenMunicipalities, ROSKILDE } from '../support/people-factories.ts';
import { createTestTable } from '../support/table.ts';

/** A checkpoint that starts afresh and sums what the migration reports it touched. */
function countingCheckpoint(): Checkpoint & { touched: number; positions: Position[] } {
  const checkpoint = {
    resumeFrom: undefined,
    touched: 0,
    positions: [] as Position[],
    async save(position: Position, touched: number) {
      checkpoint.touched += touched;
      checkpoint.positions.push(position);
    },
  };
  return checkpoint;
}

describe('companies’ contacts and opportunities placed under their company on gsi3 (migration 0005)', () => {
  let table: Table;
  let company: CompanySnapshot;

  beforeAll(async () => {
    table = await createTestTable();
    await givenMunicipalities(table);
    company = await givenCompany(table, { municipalityCode: ROSKILDE, contacts: 2 });
    await givenCompany(table, { municipalityCode: ROSKILDE, status: 'PAUSED' });
  });

  it('moves a child stored before the index and one at an old place, and a second run changes nothing', async () => {
    // Prepare
    const contactKey = sharedKeys.contact(firstContact(company).id);
    const opportunityKey = sharedKeys.opportunity(firstOpportunity(company).id);
    const placed = await table.get(opportunityKey);
    await table.update(contactKey, { remove: ['gsi3pk', 'gsi3sk'] });
    await table.update(opportunityKey, { set: { gsi3sk: 'ACTIVE#old name#x#OPPORTUNITY#y' } });
    const first = countingCheckpoint();
    const second = countingCheckpoint();
    // Act
    await placeCompanyChildrenOnGsi3.run(table, first);
    const afterFirst = await everyItem(table);
    await placeCompanyChildrenOnGsi3.run(table, second);
    // Assess
    expect(first.touched).toBe(2);
    expect(first.positions.at(-1)).toEqual({ code: ROSKILDE, after: '' });
    expect((await table.get(opportunityKey))?.gsi3sk).toBe(placed?.gsi3sk);
    expect((await table.get(contactKey))?.gsi3pk).toBe(placed?.gsi3pk);
    expect(second.touched).toBe(0);
    expect(await everyItem(table)).toEqual(afterFirst);
  });
});
