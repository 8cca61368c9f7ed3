/**
 * A municipality as this subgraph knows it: only its code. Its name belongs to the people
 * subgraph; this subgraph adds figures and lists to it.
 */
export interface MunicipalityRef {
  code: string;
}
