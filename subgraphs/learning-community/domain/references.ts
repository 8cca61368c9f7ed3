/**
 * References to entities that other subgraphs own. This subgraph resolves only its own fields
 * on them; what it knows besides the id is what it may read through the shared keys.
 */

/** A municipality, by its code. */
export interface MunicipalityRef {
  code: string;
}

/**
 * A young person. `municipalityCode` is filled when known (from the young person's shared item
 * or from a group of theirs), so that authorisation need not read it again.
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

/** The period of the programme's figures as `ProgrammeStats` carries it (its key). */
export interface ProgrammePeriod {
  from: string;
  to: string;
}
