/**
 * References to entities that other subgraphs own. This subgraph resolves only its own fields
 * on them; what it knows besides the id is what it may read through the shared keys.
 */

export type { ProgrammePeriod } from '#kernel/figures-period';

/** A municipality, by its code. */
export interface MunicipalityRef {
  code: string;
}

/**
 * A young person. `municipalityCode` is filled when known (from the young person's shared item
 * or from a group of theirs); their rules decide by it, and an unknown young person has none.
 */
export interface YouthRef {
  id: string;
  municipalityCode?: string;
}

/** A company, with its municipality when known. */
export interface CompanyRef {
  id: string;
  municipalityCode?: string;
}
