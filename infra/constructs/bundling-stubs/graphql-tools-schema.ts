/**
 * Stand-in for `@graphql-tools/schema` (with `@graphql-tools/merge` and `utils`, ~65 KB), which
 * Apollo Server imports to build a schema when it is given `typeDefs` and `resolvers`. Every
 * server here is given a built schema (the subgraphs' from `@apollo/subgraph`, the gateway's
 * from the supergraph), so this is never called.
 */
export function makeExecutableSchema(): never {
  throw new Error('@graphql-tools/schema is left out of this bundle: pass Apollo Server a schema');
}
