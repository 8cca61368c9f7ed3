import { beforeAll, describe, expect, it } from 'vitest';
import { pausedCompany } from '#companies/domain/company-lifecycle';
import { CompanyEntity, companyKey } from '#companies/repository/company-entity';
import {
  stageCompanyChange,
  stageCompanyJoining,
  stageCompanyStatus,
} from '#companies/repository/company-repository';
import { CompanyFiguresEntity, companyStatsKey } from '#companies/repository/company-stats-entity';
import { cvrRegistrationKey } from '#companies/repository/cvr-registration-entity';
import {
  opportunityKey,
  PlacementOpportunityEntity,
} from '#companies/repository/placement-opportunity-entity';
import {
  stageOpportunityAdded,
  stageOpportunityChange,
} from '#companies/repository/placement-opportunity-repository';
import { server } from '#companies/server';
import { commitSystemWork } from '#kernel/command';
import { logger } from '#kernel/logger';
import type { Table } from '#kernel/table/table';
import { UnitOfWork } from '#kernel/unit-of-work';
import {
  aCompany,
  aCompanyContact,
  anOpportunity,
  firstOpportunity,
  givenCompany,
  joinNetworkInput,
} from '../support/companies-factories.ts';
import { testContext } from '../support/context.ts';
import { errorCodes, execute } from '../support/execute.ts';
import { staffIdentity } from '../support/identities.ts';
import { createTestTable } from '../support/table.ts';

const TODAY = '2026-11-26';
const PAUSE = { from: '2026-11-20', until: '2027-01-10', reason: 'Travl sæson' };

describe('companies repository against DynamoDB Local: concurrency and transactions', () => {
  let table: Table;
  /** Commits what a write stages, as a command would once it decided. */
  const commit = async (stage: (work: UnitOfWork) => unknown) => {
    const work = new UnitOfWork();
    stage(work);
    await commitSystemWork(table, work, { logger });
  };

  beforeAll(async () => {
    table = await createTestTable();
  });

  it('lets exactly one of two concurrent updates of a company win; the other gets CONFLICT', async () => {
    // Prepare
    const { company } = await givenCompany(table);
    const read = await CompanyEntity.read(table, companyKey(company.id));
    if (!read) throw new Error('fixture missing');
    // Act
    const results = await Promise.allSettled(
      ['Første ApS', 'Anden ApS'].map((name) =>
        commit((work) => stageCompanyChange(work, read, { name })),
      ),
    );
    // Assess
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const [rejected] = results.filter((r) => r.status === 'rejected');
    expect((rejected as PromiseRejectedResult).reason.extensions.code).toBe('CONFLICT');
    expect((await CompanyEntity.read(table, companyKey(company.id)))?.version).toBe(2);
  });

  it('lets exactly one of two concurrent updateCompany mutations on version 1 through', async () => {
    // Prepare
    const { company } = await givenCompany(table);
    const mutation = `mutation ($input: UpdateCompanyInput!) {
      updateCompany(input: $input) { company { name version } errors { code } }
    }`;
    // Act
    const results = await Promise.all(
      ['Første ApS', 'Anden ApS'].map((name) =>
        execute(server, testContext(table, staffIdentity('265')), mutation, {
          input: { companyId: company.id, name, expectedVersion: 1 },
        }),
      ),
    );
    // Assess
    expect(results.flatMap(errorCodes).sort()).toEqual(['CONFLICT']);
    expect((await CompanyEntity.read(table, companyKey(company.id)))?.version).toBe(2);
  });

  it('registers one of two companies racing for the same CVR number, and counts one', async () => {
    // Prepare
    const first = aCompany({ municipalityCode: '540' });
    const second = aCompany({ municipalityCode: '540', cvr: first.cvr });
    const register = (company: typeof first) =>
      commit((work) => stageCompanyJoining(work, company, [aCompanyContact(company)]));
    // Act
    const outcomes = await Promise.allSettled([first, second].map(register));
    // Assess: the loser's CVR reservation failed its condition (or DynamoDB saw the two
    // transactions collide): CONFLICT, on which the command reads again and learns the number
    // is taken; either way it wrote nothing.
    const described = outcomes.map((outcome) =>
      outcome.status === 'fulfilled' ? 'REGISTERED' : outcome.reason.extensions.code,
    );
    expect(described.sort()).toEqual(['CONFLICT', 'REGISTERED']);
    const [winner, loser] = outcomes[0]?.status === 'fulfilled' ? [first, second] : [second, first];
    expect(await table.get(cvrRegistrationKey(first.cvr))).toMatchObject({
      companyId: winner.id,
    });
    expect(await table.get(companyKey(loser.id))).toBeUndefined();
    expect(await CompanyFiguresEntity.read(table, companyStatsKey('540'))).toMatchObject({
      active: 1,
      paused: 0,
      left: 0,
    });
  });

  it('answers the loser of two joinNetwork mutations racing for one CVR number that it is taken', async () => {
    // Prepare
    const input = joinNetworkInput('550');
    const join = `mutation ($input: JoinNetworkInput!) {
      joinNetwork(input: $input) { company { id } errors { code } }
    }`;
    // Act
    const results = await Promise.all(
      ['Første ApS', 'Anden ApS'].map((name) =>
        execute<{
          joinNetwork: { company: { id: string } | null; errors: Array<{ code: string }> };
        }>(server, testContext(table, staffIdentity('550')), join, { input: { ...input, name } }),
      ),
    );
    // Assess
    const payloads = results.map((result) => result.data?.joinNetwork);
    const winner = payloads.find((joined) => joined?.company);
    expect(results.flatMap(errorCodes)).toEqual([]);
    expect(payloads.flatMap((joined) => joined?.errors.map((error) => error.code))).toEqual([
      'CVR_ALREADY_REGISTERED',
    ]);
    expect(await table.get(cvrRegistrationKey(input.cvr))).toMatchObject({
      companyId: winner?.company?.id,
    });
    expect(await CompanyFiguresEntity.read(table, companyStatsKey('550'))).toMatchObject({
      active: 1,
    });
  });

  it('refuses a pause made while an opportunity was opened, and writes nothing', async () => {
    // Prepare
    const snapshot = await givenCompany(table, {
      municipalityCode: '615',
      opportunities: [{ open: false }],
    });
    const company = await CompanyEntity.read(table, companyKey(snapshot.company.id));
    const opportunity = await PlacementOpportunityEntity.read(
      table,
      opportunityKey(firstOpportunity(snapshot).id),
    );
    if (!company || !opportunity) throw new Error('fixture missing');
    const statsBefore = await table.get(companyStatsKey('615'));
    // Act: the opportunity opens after the pause read it closed
    await commit((work) => stageOpportunityChange(work, company, opportunity, { open: true }));
    const pause = commit((work) =>
      stageCompanyStatus(
        work,
        company,
        pausedCompany(company, PAUSE, TODAY),
        [{ before: opportunity, after: { ...opportunity, open: false } }],
        TODAY,
      ),
    );
    // Assess
    await expect(pause).rejects.toMatchObject({ extensions: { code: 'CONFLICT' } });
    expect((await CompanyEntity.read(table, companyKey(company.id)))?.status).toBe('ACTIVE');
    expect(await table.get(companyStatsKey('615'))).toEqual(statsBefore);
  });

  it('refuses to open an opportunity when the company paused after it was read', async () => {
    // Prepare
    const snapshot = await givenCompany(table, { opportunities: [{ open: false }] });
    const company = await CompanyEntity.read(table, companyKey(snapshot.company.id));
    const opportunity = await PlacementOpportunityEntity.read(
      table,
      opportunityKey(firstOpportunity(snapshot).id),
    );
    if (!company || !opportunity) throw new Error('fixture missing');
    await commit((work) =>
      stageCompanyStatus(
        work,
        company,
        pausedCompany(company, PAUSE, TODAY),
        [{ before: opportunity, after: opportunity }],
        TODAY,
      ),
    );
    // Act
    const open = commit((work) =>
      stageOpportunityChange(work, company, opportunity, { open: true }),
    );
    // Assess
    await expect(open).rejects.toMatchObject({ extensions: { code: 'CONFLICT' } });
    expect(
      (await PlacementOpportunityEntity.read(table, opportunityKey(opportunity.id)))?.open,
    ).toBe(false);
  });

  it('refuses an opportunity change made on a company renamed meanwhile, and writes nothing', async () => {
    // Prepare: the opportunity is stored under its company's place in the list; a rename moves it
    const snapshot = await givenCompany(table, { name: 'Anker ApS' });
    const company = await CompanyEntity.read(table, companyKey(snapshot.company.id));
    const opportunity = await PlacementOpportunityEntity.read(
      table,
      opportunityKey(firstOpportunity(snapshot).id),
    );
    if (!company || !opportunity) throw new Error('fixture missing');
    await commit((work) => stageCompanyChange(work, company, { name: 'Ø-Anker ApS' }));
    const moved = await table.get(opportunityKey(opportunity.id));
    // Act
    const change = commit((work) =>
      stageOpportunityChange(work, company, opportunity, { title: 'Ny titel' }),
    );
    // Assess
    await expect(change).rejects.toMatchObject({ extensions: { code: 'CONFLICT' } });
    expect(await table.get(opportunityKey(opportunity.id))).toEqual(moved);
    expect(moved?.gsi3sk).toContain('ø-anker aps');
  });

  it('refuses to add an opportunity to a company that changed after it was read', async () => {
    // Prepare
    const snapshot = await givenCompany(table, { opportunities: [] });
    const company = await CompanyEntity.read(table, companyKey(snapshot.company.id));
    if (!company) throw new Error('fixture missing');
    await commit((work) =>
      stageCompanyStatus(work, company, pausedCompany(company, PAUSE, TODAY), [], TODAY),
    );
    const opportunity = anOpportunity(company, { open: true });
    // Act
    const add = commit((work) => stageOpportunityAdded(work, company, opportunity));
    // Assess
    await expect(add).rejects.toMatchObject({ extensions: { code: 'CONFLICT' } });
    expect(await table.get(opportunityKey(opportunity.id))).toBeUndefined();
  });

  it('keeps open opportunities on the sparse open index and closed ones off it', async () => {
    // Prepare
    const snapshot = await givenCompany(table, {
      municipalityCode: '630',
      opportunities: [{ trade: 'Kok', open: true }, { open: false }],
    });
    const [open, closed] = snapshot.opportunities;
    // Act
    const openItem = await table.get(opportunityKey(open?.id ?? ''));
    const closedItem = await table.get(opportunityKey(closed?.id ?? ''));
    const companyItem = await table.get(companyKey(snapshot.company.id));
    // Assess
    expect(openItem).toMatchObject({
      gsi2pk: 'MUNI#630#OPEN_OPPORTUNITIES',
      gsi2sk: `kok#${open?.id}`,
      open: true,
      companyId: snapshot.company.id,
      municipalityCode: '630',
      places: 2,
    });
    expect(closedItem?.gsi2pk).toBeUndefined();
    expect(companyItem).toMatchObject({
      gsi1pk: 'MUNI#630#COMPANY',
      gsi1sk: `ACTIVE#${snapshot.company.name.toLowerCase()}#${snapshot.company.id}`,
      municipalityCode: '630',
      status: 'ACTIVE',
    });
  });
});
