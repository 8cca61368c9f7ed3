import { isStaffOf } from '#kernel/authorisation';
import type { Identity } from '#kernel/identity';
import type { AudienceRules } from './audience.ts';

/**
 * In what capacity a caller looks at a municipality (and at its team):
 *
 * - `TEAM`: a member of the municipality's own team;
 * - `PARTICIPANT`: a young person of the municipality, or a contact of a company in its
 *   network — they work with the team and may know who is on it;
 * - `PROGRAMME`: the programme office, which sees figures and never a person;
 * - `SIGNED_IN`: anyone else signed in (another municipality's team, the data protection
 *   officer): the municipality's code and name, which are public.
 */
export type MunicipalityAudience = 'TEAM' | 'PARTICIPANT' | 'PROGRAMME' | 'SIGNED_IN';

const EVERYONE = [
  'TEAM',
  'PARTICIPANT',
  'PROGRAMME',
  'SIGNED_IN',
] as const satisfies readonly MunicipalityAudience[];

/** Who may read each field of `Municipality` this subgraph resolves. */
export const MUNICIPALITY_FIELD_ACCESS = {
  code: EVERYONE,
  name: EVERYONE,
  team: ['TEAM', 'PARTICIPANT'],
  youth: ['TEAM'],
  youthStats: ['TEAM', 'PROGRAMME'],
  directionStats: ['TEAM', 'PROGRAMME'],
  resourceStats: ['TEAM', 'PROGRAMME'],
} as const satisfies AudienceRules<MunicipalityAudience>;

/**
 * The caller's audience for a municipality.
 *
 * @param identity - the verified caller
 * @param municipalityCode - the municipality
 * @param participantMunicipalityCode - for a young person or a company contact, the
 *   municipality their records put them in (`participantMunicipalityOf`), never their token's
 *   claim
 */
export function municipalityAudience(
  identity: Identity,
  municipalityCode: string,
  participantMunicipalityCode?: string,
): MunicipalityAudience {
  if (isStaffOf(identity, municipalityCode)) return 'TEAM';
  const participates = identity.role === 'YOUTH' || identity.role === 'COMPANY_CONTACT';
  if (participates && participantMunicipalityCode === municipalityCode) return 'PARTICIPANT';
  if (identity.role === 'PROGRAMME') return 'PROGRAMME';
  return 'SIGNED_IN';
}
