import { answeredById, type Command, defineCommand } from '#kernel/command';
import type { ItemLoader } from '#kernel/entity-loader';
import { NotFoundError, requireVersion } from '#kernel/errors';
import { newId } from '#kernel/keys';
import { danishToday } from '#kernel/today';
import {
  loadProspect,
  stageProspectAdded,
  stageProspectChange,
} from '../repository/company-prospect-repository.ts';
import { aboutCompany } from './company-changes.ts';
import { joinedProspect, prospectAfterOutreach } from './company-prospect.ts';
import {
  type AddCompanyProspectInput,
  AddCompanyProspectInputSchema,
  type RecordCompanyOutreachInput,
  RecordCompanyOutreachInputSchema,
} from './company-prospect-inputs.ts';
import { type CompanyProspect, withoutContactWhenClosed } from './company-prospect-record.ts';

/**
 * How a command that answers with the prospect remembers it for a repeat (its id), answers the
 * repeat (the prospect as it is now) and tells whom it is about (its municipality).
 */
const answersWithProspect = {
  ...answeredById('The prospect', (context, id) => loadProspect(context.loader, id)),
  about: (_input, prospect) => aboutCompany(prospect),
} satisfies Pick<Command<unknown, CompanyProspect>, 'remember' | 'recall' | 'about'>;

function noSuchProspect(): NotFoundError {
  return new NotFoundError('There is no prospect with this id');
}

/**
 * A new prospect, added today with no steps.
 *
 * @param input - the parsed input
 * @param addedOn - today
 * @param id - the prospect's id
 */
export function newProspect(
  input: AddCompanyProspectInput,
  addedOn: string,
  id: string,
): CompanyProspect {
  const optional = Object.fromEntries(
    (['cvr', 'sector', 'contactName', 'contactPhone', 'notes'] as const)
      .filter((field) => input[field] !== undefined)
      .map((field) => [field, input[field]]),
  );
  return {
    id,
    municipalityCode: input.municipalityCode,
    name: input.name,
    ...optional,
    status: 'PROSPECT',
    addedOn,
    steps: [],
    version: 1,
  };
}

/** `addCompanyProspect`: adds a company to the municipality's pipeline (its rule: the team's). */
export const addCompanyProspectCommand = defineCommand<AddCompanyProspectInput, CompanyProspect>({
  name: 'addCompanyProspect',
  input: AddCompanyProspectInputSchema,
  async execute(context, input, work) {
    const today = danishToday(context.now());
    return stageProspectAdded(work, newProspect(input, today, newId(context.now().getTime())));
  },
  ...answersWithProspect,
});

/**
 * `recordCompanyOutreach`: a dated step on a prospect at the version read. A step that closes
 * it (DECLINED) clears its contact person: the team has no more need of their name and phone.
 */
export const recordCompanyOutreachCommand = defineCommand<
  RecordCompanyOutreachInput,
  CompanyProspect
>({
  name: 'recordCompanyOutreach',
  input: RecordCompanyOutreachInputSchema,
  async execute(context, input, work) {
    const prospect = await prospectToChange(context.loader, input.prospectId);
    requireVersion('The prospect', input.expectedVersion, prospect.version);
    const after = prospectAfterOutreach(
      prospect,
      { kind: input.kind, on: input.on },
      danishToday(context.now()),
    );
    return stageProspectChange(work, prospect, withoutContactWhenClosed(after));
  },
  ...answersWithProspect,
});

/** A prospect read strongly consistent for a change, or `NOT_FOUND`. */
export async function prospectToChange(
  loader: ItemLoader,
  prospectId: string,
): Promise<CompanyProspect> {
  const prospect = await loadProspect(loader, prospectId);
  if (!prospect) throw noSuchProspect();
  return prospect;
}

/**
 * The prospect a company joining a municipality converts, read strongly consistent: `NOT_FOUND`
 * for one of another municipality as for none, so the caller learns nothing of another's
 * pipeline.
 *
 * @param loader - the request's loader
 * @param prospectId - the prospect
 * @param municipalityCode - the municipality the company joins
 */
export async function prospectToConvert(
  loader: ItemLoader,
  prospectId: string,
  municipalityCode: string,
): Promise<CompanyProspect> {
  const prospect = await prospectToChange(loader, prospectId);
  if (prospect.municipalityCode !== municipalityCode) throw noSuchProspect();
  return prospect;
}

/**
 * The prospect as its company joins: JOINED on the company's joining day with the company's id,
 * its contact cleared (the company's contact persons hold it now), or `PROSPECT_ALREADY_CLOSED`
 * for one that joined or declined already.
 *
 * @param prospect - the prospect as read
 * @param companyId - the new company
 * @param joinedOn - the company's joining day
 */
export function convertedProspect(
  prospect: CompanyProspect,
  companyId: string,
  joinedOn: string,
): CompanyProspect {
  return withoutContactWhenClosed({ ...joinedProspect(prospect, joinedOn), companyId });
}
