import type { DocumentNode } from 'graphql';
import { companiesRules } from '#companies/authorisation-rules';
import { resolvers as companiesResolvers } from '#companies/resolvers/index';
import type { SubgraphRules } from '#kernel/field-rules';
import { learningCommunityRules } from '#learning-community/authorisation-rules';
import { resolvers as learningCommunityResolvers } from '#learning-community/resolvers/index';
import { peopleRules } from '#people/authorisation-rules';
import { resolvers as peopleResolvers } from '#people/resolvers/index';
import { placementsRules } from '#placements/authorisation-rules';
import { resolvers as placementsResolvers } from '#placements/resolvers/index';
import { companiesSdl } from '#schema/generated/companies';
import { learningCommunitySdl } from '#schema/generated/learning-community';
import { peopleSdl } from '#schema/generated/people';
import { placementsSdl } from '#schema/generated/placements';
import type { SubgraphName } from '#schema/subgraphs';

/** A resolver map as a subgraph module hands it to `buildSubgraphSchema`. */
// biome-ignore lint/suspicious/noExplicitAny: generated resolver maps are wider than any one type
export type ResolverMap = Record<string, any>;

/**
 * One subgraph as code: its name, SDL, resolvers and authorisation rules, exactly what its
 * server is built from.
 */
export interface SubgraphModule {
  name: SubgraphName;
  typeDefs: DocumentNode;
  resolvers: ResolverMap;
  rules: SubgraphRules;
}

/** The four subgraphs, in the order of the supergraph. */
export const SUBGRAPH_MODULES: readonly SubgraphModule[] = [
  { name: 'people', typeDefs: peopleSdl, resolvers: peopleResolvers, rules: peopleRules },
  {
    name: 'companies',
    typeDefs: companiesSdl,
    resolvers: companiesResolvers,
    rules: companiesRules,
  },
  {
    name: 'placements',
    typeDefs: placementsSdl,
    resolvers: placementsResolvers,
    rules: placementsRules,
  },
  {
    name: 'learning-community',
    typeDefs: learningCommunitySdl,
    resolvers: learningCommunityResolvers,
    rules: learningCommunityRules,
  },
];
