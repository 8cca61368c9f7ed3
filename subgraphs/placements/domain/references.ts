/**
 * The entities of other subgraphs as this subgraph knows them: an id and the municipality
 * that decides who may see what is attached to them here.
 */

/** A young person (owned by people), with their municipality. */
export interface YouthRef {
  id: string;
  municipalityCode: string;
}

/** A company (owned by companies), with its municipality. */
export interface CompanyRef {
  id: string;
  municipalityCode: string;
}

/** A municipality (owned by people). */
export interface MunicipalityRef {
  code: string;
}

/** A reference to an entity another subgraph resolves (contact person, opportunity). */
export interface EntityRef {
  id: string;
}
