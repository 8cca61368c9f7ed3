import {
  type AudienceRules,
  type CompanyAudience,
  EVERY_AUDIENCE,
  TEAM_AND_OWN_CONTACTS,
} from './company-audience.ts';
import type { PlacementOpportunity } from './placement-opportunity.ts';

/**
 * Who may read each field of `PlacementOpportunity`, by the caller's audience for the company
 * that offers it. On top of this, young people see open opportunities only
 * ({@link canSeeOpportunity}).
 */
export const PLACEMENT_OPPORTUNITY_FIELD_ACCESS = {
  id: EVERY_AUDIENCE,
  title: EVERY_AUDIENCE,
  description: EVERY_AUDIENCE,
  trade: EVERY_AUDIENCE,
  weeklyHours: EVERY_AUDIENCE,
  places: EVERY_AUDIENCE,
  open: EVERY_AUDIENCE,
  company: EVERY_AUDIENCE,
  version: TEAM_AND_OWN_CONTACTS,
} as const satisfies AudienceRules<string>;

/** A field of `PlacementOpportunity`. */
export type PlacementOpportunityField = keyof typeof PLACEMENT_OPPORTUNITY_FIELD_ACCESS;

/**
 * Whether the caller may see an opportunity at all: the team and the company's contacts see
 * every one, a young person of the municipality the open ones.
 *
 * @param audience - the caller's audience for the offering company
 * @param opportunity - the opportunity
 */
export function canSeeOpportunity(
  audience: CompanyAudience | null,
  opportunity: PlacementOpportunity,
): boolean {
  // A group peer sees who a company is and whom to call, not its opportunities.
  if (audience === null || audience === 'GROUP_PEER') return false;
  return audience !== 'YOUTH' || opportunity.open;
}
