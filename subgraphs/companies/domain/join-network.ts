import { defineCommand } from '#kernel/command';
import { DomainRuleError } from '#kernel/errors';
import { newId } from '#kernel/keys';
import { danishToday } from '#kernel/today';
import { stageProspectChange } from '../repository/company-prospect-repository.ts';
import { isCvrRegistered, stageCompanyJoining } from '../repository/company-repository.ts';
import type { Company } from './company.ts';
import { answersWithCompany } from './company-changes.ts';
import type { CompanyContact } from './company-contact.ts';
import { type JoinNetworkInput, JoinNetworkInputSchema } from './company-inputs.ts';
import { requireJoinedByToday } from './company-lifecycle.ts';
import { convertedProspect, prospectToConvert } from './company-prospects.ts';

function cvrTaken(): DomainRuleError {
  return new DomainRuleError(
    'CVR_ALREADY_REGISTERED',
    'A company with this CVR number is registered already; find it and resume it instead',
    ['cvr'],
  );
}

/**
 * A new company as it joins, active from its joining date, with its contact persons.
 *
 * @param input - the parsed input
 * @param joinedOn - the joining date
 * @param nextId - a new id on each call
 */
export function joiningCompany(
  input: JoinNetworkInput,
  joinedOn: string,
  nextId: () => string,
): { company: Company; contacts: CompanyContact[] } {
  const companyId = nextId();
  const contacts: CompanyContact[] = input.contacts.map((details) => ({
    ...details,
    id: nextId(),
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
    ...(input.employees === undefined ? {} : { employees: input.employees }),
    version: 1,
  };
  return { company, contacts };
}

/**
 * `joinNetwork`: registers a company in a municipality's network, with its contact persons, in
 * one transaction with the municipality's counts (the municipality's team only: its rule). Of
 * two registrations of one CVR number racing, the CVR reservation lets one commit; the other
 * runs again, finds the number taken and says so. With `prospectId`, the pipeline's prospect
 * becomes JOINED in the same transaction, at the version read, so it converts exactly once.
 */
export const joinNetworkCommand = defineCommand<JoinNetworkInput, Company>({
  name: 'joinNetwork',
  input: JoinNetworkInputSchema,
  async execute(context, input, work) {
    const today = danishToday(context.now());
    const joinedOn = input.joinedOn ?? today;
    requireJoinedByToday(joinedOn, today);
    if (await isCvrRegistered(context.loader, input.cvr)) throw cvrTaken();
    const { company, contacts } = joiningCompany(input, joinedOn, () =>
      newId(context.now().getTime()),
    );
    if (input.prospectId !== undefined) {
      const prospect = await prospectToConvert(
        context.loader,
        input.prospectId,
        input.municipalityCode,
      );
      stageProspectChange(work, prospect, convertedProspect(prospect, company.id, joinedOn));
    }
    stageCompanyJoining(work, company, contacts);
    return company;
  },
  ...answersWithCompany,
});
