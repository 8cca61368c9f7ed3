import { requireIdentity } from '#kernel/authorisation';
import type { SubgraphContext } from '#kernel/context';
import { parseInput } from '#kernel/validation';
import { listTeam } from '../repository/staff-repository.ts';
import {
  countYouthOfMunicipality,
  listYouthOfMunicipality,
} from '../repository/youth-repository.ts';
import { participantMunicipalityOf } from './caller.ts';
import { type MunicipalityAudience, municipalityAudience } from './municipality-access.ts';
import { type StaffView, staffViewFor } from './staff-access.ts';
import { YouthListArgsSchema } from './youth-inputs.ts';
import { type YouthPage, youthViewsOfPage } from './youth-queries.ts';

/** The caller's audience for a municipality (a participant's record is read, batched). */
export async function municipalityAudienceOf(
  context: SubgraphContext,
  municipalityCode: string,
): Promise<MunicipalityAudience> {
  const identity = requireIdentity(context);
  return municipalityAudience(identity, municipalityCode, await participantMunicipalityOf(context));
}

/**
 * A municipality's team (for the team itself and the municipality's young people and company
 * contacts: the rule `MUNICIPALITY_FIELD_ACCESS.team`).
 *
 * @param context - the request
 * @param municipalityCode - the municipality
 */
export async function teamOf(
  context: SubgraphContext,
  municipalityCode: string,
): Promise<StaffView[]> {
  const identity = requireIdentity(context);
  const [participantMunicipality, staff] = await Promise.all([
    participantMunicipalityOf(context),
    listTeam(context.table, municipalityCode),
  ]);
  return staff.map((member) => staffViewFor(identity, member, participantMunicipality));
}

/**
 * A page of a municipality's young people (for its own team: the rule
 * `MUNICIPALITY_FIELD_ACCESS.youth`).
 *
 * @param context - the request
 * @param municipalityCode - the municipality
 * @param rawArgs - `status`, `first` and `after`
 */
export async function youthOfMunicipality(
  context: SubgraphContext,
  municipalityCode: string,
  rawArgs: unknown,
): Promise<YouthPage> {
  const args = parseInput(YouthListArgsSchema, rawArgs);
  const status = args.status ?? undefined;
  const connection = await listYouthOfMunicipality(context, municipalityCode, status, args);
  return {
    ...youthViewsOfPage(requireIdentity(context), connection),
    countAll: () => countYouthOfMunicipality(context.table, municipalityCode, status),
  };
}
