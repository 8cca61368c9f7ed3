import { beforeAll, describe, expect, it } from 'vitest';
import { placeCompanyChildren } from '#companies/maintenance/place-children';
import type { CompanySnapshot } from '#companies/repository/company-snapshot';
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

describe('placing companies’ contacts and opportunities under their company on gsi3', () => {
  let table: Table;
  let company: CompanySnapshot;

  beforeAll(async () => {
    table = await createTestTable();
    await givenMunicipalities(table);
    company = await givenCompany(table, { municipalityCode: ROSKILDE, contacts: 2 });
    await givenCompany(table, { municipalityCode: ROSKILDE, status: 'PAUSED' });
  });

  it('finds a child stored before the index and one at an old place, and moves both with fix', async () => {
    // Prepare
    const contactKey = sharedKeys.contact(firstContact(company).id);
    const opportunityKey = sharedKeys.opportunity(firstOpportunity(company).id);
    const placed = await table.get(opportunityKey);
    await table.update(contactKey, { remove: ['gsi3pk', 'gsi3sk'] });
    await table.update(opportunityKey, { set: { gsi3sk: 'ACTIVE#old name#x#OPPORTUNITY#y' } });
    const before = await everyItem(table);
    // Act
    const checked = await placeCompanyChildren(table);
    const unchanged = await everyItem(table);
    const fixed = await placeCompanyChildren(table, { fix: true });
    const after = await placeCompanyChildren(table);
    // Assess
    expect(checked).toEqual({
      childrenCompared: 5,
      misplaced: [contactKey, opportunityKey],
      fixed: false,
    });
    expect(unchanged).toEqual(before);
    expect(fixed.fixed).toBe(true);
    expect(after.misplaced).toEqual([]);
    expect((await table.get(opportunityKey))?.gsi3sk).toBe(placed?.gsi3sk);
    expect((await table.get(contactKey))?.gsi3pk).toBe(placed?.gsi3pk);
  });
});
