/**
 * The subgraphs of the supergraph: their names (as the gateway and the identity assertions
 * know them) and their SDL files under schema/. The URLs written into the supergraph are
 * placeholders; the gateway maps each name to where the subgraph runs.
 */
export const SUBGRAPHS = [
  { name: 'people', file: 'people.graphql' },
  { name: 'companies', file: 'companies.graphql' },
  { name: 'placements', file: 'placements.graphql' },
  { name: 'learning-community', file: 'learning-community.graphql' },
] as const;

/** A subgraph's name. */
export type SubgraphName = (typeof SUBGRAPHS)[number]['name'];

/** Placeholder URL of a subgraph in the committed supergraph. */
export function placeholderUrl(name: SubgraphName): string {
  return `http://${name}.subgraph.nextwork.internal/graphql`;
}
