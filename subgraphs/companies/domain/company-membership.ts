import { defineCommand } from '#kernel/command';
import type { ItemLoader } from '#kernel/entity-loader';
import { danishToday } from '#kernel/today';
import type { UnitOfWork } from '#kernel/unit-of-work';
import { stageCompanyStatus } from '../repository/company-repository.ts';
import { loadOpportunitiesOf } from '../repository/placement-opportunity-repository.ts';
import type { Company } from './company.ts';
import { answersWithCompany, companyAtVersion } from './company-changes.ts';
import {
  type CompanyStatusInput,
  CompanyStatusInputSchema,
  type PauseCompanyInput,
  PauseCompanyInputSchema,
} from './company-inputs.ts';
import { leftCompany, pausedCompany, resumedCompany } from './company-lifecycle.ts';

/**
 * A company's part in the network after it joined: pausing, resuming and leaving. Each is one
 * transaction with the municipality's counts, so `companyStats` always agrees with the
 * companies. Who may do which is the mutations' rules (`authorisation-rules.ts`).
 */

/**
 * Stages a company's move out of activity (pausing, leaving) with every one of its
 * opportunities closed: none stays open under it.
 *
 * @param loader - the request's loader, the opportunities are read through
 * @param work - the unit of work
 * @param company - the company as read
 * @param after - the company paused or left
 * @param today - today's date, ISO
 */
async function stageClosingEverything(
  loader: ItemLoader,
  work: UnitOfWork,
  company: Company,
  after: Company,
  today: string,
): Promise<Company> {
  const closing = (await loadOpportunitiesOf(loader, company)).map((opportunity) => ({
    before: opportunity,
    after: { ...opportunity, open: false },
  }));
  return stageCompanyStatus(work, company, after, closing, today);
}

/**
 * `pauseCompany`: pauses an active company for a period and closes its open opportunities in
 * the same transaction (the team or the company's contacts).
 */
export const pauseCompanyCommand = defineCommand<PauseCompanyInput, Company>({
  name: 'pauseCompany',
  input: PauseCompanyInputSchema,
  async execute(context, input, work) {
    const company = await companyAtVersion(context.loader, input);
    const today = danishToday(context.now());
    const { from, until, reason } = input;
    const paused = pausedCompany(company, { from, until, reason }, today);
    return stageClosingEverything(context.loader, work, company, paused, today);
  },
  ...answersWithCompany,
});

/**
 * `resumeCompany`: makes a paused company active again (the team or its contacts), or takes
 * back a company that left (the team only). Its opportunities stay closed until someone opens
 * them: what a company can offer after a break is for it to say.
 */
export const resumeCompanyCommand = defineCommand<CompanyStatusInput, Company>({
  name: 'resumeCompany',
  input: CompanyStatusInputSchema,
  async execute(context, input, work) {
    const company = await companyAtVersion(context.loader, input);
    const resumed = resumedCompany(company);
    return stageCompanyStatus(work, company, resumed, [], danishToday(context.now()));
  },
  ...answersWithCompany,
});

/**
 * `leaveNetwork`: records that a company leaves the network today and closes its open
 * opportunities in the same transaction (the municipality's team only).
 */
export const leaveNetworkCommand = defineCommand<CompanyStatusInput, Company>({
  name: 'leaveNetwork',
  input: CompanyStatusInputSchema,
  async execute(context, input, work) {
    const company = await companyAtVersion(context.loader, input);
    const today = danishToday(context.now());
    const left = leftCompany(company, today);
    return stageClosingEverything(context.loader, work, company, left, today);
  },
  ...answersWithCompany,
});
