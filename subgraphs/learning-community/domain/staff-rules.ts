import type { ItemLoader } from '#kernel/entity-loader';
import { DomainRuleError, StrangerRuleError } from '#kernel/errors';
import { loadSharedStaff } from '../repository/shared-items-repository.ts';

/**
 * Checks that someone is on a municipality's team (the facilitator of a group or a session),
 * or a rule error on the given input path.
 *
 * @param loader - the request's loader
 * @param staffId - the team member
 * @param municipalityCode - the municipality whose team they must be on
 * @param path - the input field the id came from
 */
export async function assertOnTeam(
  loader: ItemLoader,
  staffId: string,
  municipalityCode: string,
  path: string[],
): Promise<void> {
  const [staff] = await loadSharedStaff(loader, [staffId]);
  if (!staff || staff.municipalityCode !== municipalityCode) {
    const answer = new DomainRuleError(
      'NOT_ON_TEAM',
      `${staffId} is not on the municipality's team`,
      path,
    );
    // Another team's member is answered as no one, and the attempt audited.
    throw staff ? new StrangerRuleError(answer, staff.municipalityCode) : answer;
  }
}
