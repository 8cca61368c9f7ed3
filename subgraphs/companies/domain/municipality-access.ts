import { canSeeMunicipalityFigures, isStaffOf } from '#kernel/authorisation';
import type { Identity } from '#kernel/identity';
import { worksPipelineOf } from './company-prospect-access.ts';

/** Whether a caller may use a field of a municipality. */
export type MunicipalityRule = (identity: Identity, municipalityCode: string) => boolean;

/**
 * Whether the caller may browse the municipality's companies and open opportunities: its team
 * and its young people (the power shift: young people choose the companies).
 */
export function canBrowseCompaniesOf(identity: Identity, municipalityCode: string): boolean {
  if (identity.role === 'YOUTH') return identity.municipalityCode === municipalityCode;
  return isStaffOf(identity, municipalityCode);
}

/**
 * Who may read each field this subgraph adds to `Municipality`. The counts go to the team and
 * the programme office (counts only, no company details); the lists to the team and the
 * municipality's young people. Company contacts see their own company only, never the lists.
 * The recruitment pipeline goes to its entrepreneur and team leader only.
 */
export const MUNICIPALITY_FIELD_ACCESS = {
  code: () => true,
  companyStats: canSeeMunicipalityFigures,
  companies: canBrowseCompaniesOf,
  openOpportunities: canBrowseCompaniesOf,
  companyProspects: worksPipelineOf,
} as const satisfies Readonly<Record<string, MunicipalityRule>>;

/** A field this subgraph adds to `Municipality`. */
export type MunicipalityField = keyof typeof MUNICIPALITY_FIELD_ACCESS;
