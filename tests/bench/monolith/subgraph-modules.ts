import type { DocumentNode } from 'graphql';
import { resolvers as companiesResolvers } from '#companies/resolvers/index';
import { resolvers as learningCommunityResolvers } from '#learning-community/resolvers/index';
import { resolvers as peopleResolvers } from '#people/resolvers/index';
import { resolvers as placementsResolvers } from '#placements/resolvers/index';
import { companiesSdl } from '#schema/generated/companies';
import { learningCommunitySdl } from '#schema/generated/learning-community';
import { peopleSdl } from '#schema/generated/people';
import { placementsSdl } from '#schema/generated/placements';
import type { SubgraphName } from '#schema/subgraphs';

/** A resolver map as a subgraph module hands it to `buildSubgraphSchema`. */
// biome-ignore lint/suspicious/noExplicitAny: generated resolver maps are wider than any one type
export type ResolverMap = Record<string, any>;

/** One subgraph as code: its name, SDL and resolvers, exactly what its server is built from. */
export interface SubgraphModule {
  name: SubgraphName;
  typeDefs: DocumentNode;
  resolvers: ResolverMap;
}

/** The four subgraphs, in the order of the supergraph. */
export const SUBGRAPH_MODULES: readonly SubgraphModule[] = [
  { name: 'people', typeDefs: peopleSdl, resolvers: peopleResolvers },
  { name: 'companies', typeDefs: companiesSdl, resolvers: companiesResolvers },
  { name: 'placements', typeDefs: placementsSdl, resolvers: placementsResolvers },
  {
    name: 'learning-community',
    typeDefs: learningCommunitySdl,
    resolvers: learningCommunityResolvers,
  },
];
