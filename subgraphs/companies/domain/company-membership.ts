import { DomainRuleError } from '#kernel/errors';
import type { Identity } from '#kernel/identity';
import { newId } from '#kernel/keys';
import { danishToday } from '#kernel/today';
import {
  isCvrRegistered,
  type OpportunityChange,
  registerCompany,
  saveCompanyStatus,
} from '../repository/company-repository.ts';
import { loadOpportunities } from '../repository/placement-opportunity-repository.ts';
import type { Company } from './company.ts';
import { requireMayJoin, requireMayResume } from './company-access.ts';
import { type CompaniesDeps, companyForChange } from './company-changes.ts';
import type { CompanyContact } from './company-contact.ts';
import type { CompanyIdInput, JoinNetworkInput, PauseCompanyInput } from './company-inputs.ts';
import {
  leftCompany,
  pausedCompany,
  requireJoinedByToday,
  resumedCompany,
} from './company-lifecycle.ts';
import type { PlacementOpportunity } from './placement-opportunity.ts';

/**
 * A company's part in the network: joining, pausing, resuming and leaving. Each is one
 * transaction with the municipality's counts, so `companyStats` always agrees with the
 * companies.
 */

function cvrTaken(): DomainRuleError {
  return new DomainRuleError(
    'CVR_ALREADY_REGISTERED',
    'A company with this CVR number is registered already; find it and resume it instead',
    ['cvr'],
  );
}

/**
 * Registers a company in a municipality's network, active from its joining date, with its
 * contact persons (the municipality's team only).
 *
 * @param deps - table, loader and clock
 * @param identity - the caller
 * @param input - the parsed input
 */
export async function joinNetwork(
  deps: CompaniesDeps,
  identity: Identity,
  input: JoinNetworkInput,
): Promise<Company> {
  requireMayJoin(identity, input.municipalityCode);
  const today = danishToday(deps.now());
  const joinedOn = input.joinedOn ?? today;
  requireJoinedByToday(joinedOn, today);
  if (await isCvrRegistered(deps.table, input.cvr)) throw cvrTaken();

  const companyId = newId(deps.now().getTime());
  const contacts: CompanyContact[] = input.contacts.map((details) => ({
    ...details,
    id: newId(deps.now().getTime()),
    companyId,
    municipalityCode: input.municipalityCode,
  }));
  const company: Company = {
    id: companyId,
    municipalityCode: input.municipalityCode,
    cvr: input.cvr,
    name: input.name,
    industry: input.industry,
    address: input.address,
    status: 'ACTIVE',
    joinedOn,
    contactIds: contacts.map((contact) => contact.id),
    opportunityIds: [],
    version: 1,
  };
  // Two registrations of one CVR number racing: the CVR item's condition lets one through.
  if ((await registerCompany(deps, company, contacts)) === 'CVR_TAKEN') throw cvrTaken();
  return company;
}

/**
 * Pauses an active company for a period and closes its open opportunities in the same
 * transaction (the team or the company's contacts).
 */
export async function pauseCompany(
  deps: CompaniesDeps,
  identity: Identity,
  input: PauseCompanyInput,
): Promise<Company> {
  const { company } = await companyForChange(deps, identity, input.companyId, 'pauseCompany');
  const { from, until, reason } = input;
  const paused = pausedCompany(company, { from, until, reason }, danishToday(deps.now()));
  return saveCompanyStatus(
    deps,
    company,
    paused,
    await closingOpportunities(deps, company),
    danishToday(deps.now()),
  );
}

/**
 * Makes a paused company active again (the team or its contacts), or takes back a company that
 * left (the team only). Its opportunities stay closed until someone opens them: what a company
 * can offer after a break is for it to say.
 */
export async function resumeCompany(
  deps: CompaniesDeps,
  identity: Identity,
  input: CompanyIdInput,
): Promise<Company> {
  const { company, audience } = await companyForChange(
    deps,
    identity,
    input.companyId,
    'resumeCompany',
  );
  requireMayResume(audience, company);
  return saveCompanyStatus(deps, company, resumedCompany(company), [], danishToday(deps.now()));
}

/**
 * Records that a company leaves the network today and closes its open opportunities in the
 * same transaction (the municipality's team only).
 */
export async function leaveNetwork(
  deps: CompaniesDeps,
  identity: Identity,
  input: CompanyIdInput,
): Promise<Company> {
  const { company } = await companyForChange(deps, identity, input.companyId, 'leaveNetwork');
  const left = leftCompany(company, danishToday(deps.now()));
  return saveCompanyStatus(
    deps,
    company,
    left,
    await closingOpportunities(deps, company),
    danishToday(deps.now()),
  );
}

/** Every opportunity of the company, as read and closed: no opportunity stays open under it. */
async function closingOpportunities(
  deps: CompaniesDeps,
  company: Company,
): Promise<OpportunityChange[]> {
  const opportunities = await loadOpportunities(deps.loader, company.opportunityIds);
  return opportunities
    .filter((opportunity): opportunity is PlacementOpportunity => opportunity !== undefined)
    .map((opportunity) => ({ before: opportunity, after: { ...opportunity, open: false } }));
}
