import type { SubgraphContext } from '#kernel/context';
import { type Identity, isStaffRole } from '#kernel/identity';
import { EntityIdSchema, MunicipalityCodeSchema } from '#kernel/validation';
import { loadYouth } from '../repository/youth-repository.ts';
import {
  type DataSubjectAudience,
  dataSubjectAudience,
  dataSubjectAudienceByRole,
} from './data-subject-access.ts';
import type { Youth } from './youth.ts';
import { audienceByRole, teamAudience, type YouthAudience, youthAudience } from './youth-access.ts';

/**
 * The caller's audience for the young person a mutation's input (or a query's arguments) names,
 * as the field rules in `authorisation-rules.ts` decide on it — before the resolver runs, so
 * on the raw input. The young person is read through the request's loader. When the id names
 * no one (or is malformed, which the command then refuses as `BAD_USER_INPUT`), the audience is
 * what the caller's role allows anywhere: a role that could never run the mutation is refused
 * before it learns whether the id exists, and the others get the command's `YOUTH_NOT_FOUND`.
 */

async function youthNamed(context: SubgraphContext, youthId: unknown): Promise<Youth | undefined> {
  const id = EntityIdSchema.safeParse(youthId);
  if (!id.success) return undefined;
  const [youth] = await loadYouth(context.loader, [id.data]);
  return youth;
}

/**
 * The caller's audience for the young person a change names (a company contact never changes
 * a young person, so their link is not read).
 *
 * @param identity - the verified caller
 * @param context - the request
 * @param youthId - the input's `youthId`, as sent
 */
export async function youthAudienceOfInput(
  identity: Identity,
  context: SubgraphContext,
  youthId: unknown,
): Promise<YouthAudience | null> {
  const youth = await youthNamed(context, youthId);
  return youth ? youthAudience(identity, youth, false) : audienceByRole(identity, String(youthId));
}

/**
 * The caller's audience for the rights of the young person an input names.
 *
 * @param identity - the verified caller
 * @param context - the request
 * @param youthId - the input's (or arguments') `youthId`, as sent
 */
export async function dataSubjectAudienceOfInput(
  identity: Identity,
  context: SubgraphContext,
  youthId: unknown,
): Promise<DataSubjectAudience | null> {
  const youth = await youthNamed(context, youthId);
  return youth
    ? dataSubjectAudience(identity, youth)
    : dataSubjectAudienceByRole(identity, String(youthId));
}

/**
 * The caller's audience for a young person to be enrolled in a municipality: the team of that
 * municipality. A malformed code is left to the command (`BAD_USER_INPUT`) for a caller whose
 * role could enrol.
 *
 * @param identity - the verified caller
 * @param municipalityCode - the input's `municipalityCode`, as sent
 */
export function enrolmentAudience(
  identity: Identity,
  municipalityCode: unknown,
): YouthAudience | null {
  const code = MunicipalityCodeSchema.safeParse(municipalityCode);
  if (!code.success) return isStaffRole(identity.role) ? audienceByRole(identity, '') : null;
  return teamAudience(identity, code.data);
}
