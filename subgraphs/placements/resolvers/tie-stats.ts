import type { TieStatsResolvers } from '../generated/resolvers-types.ts';

/** `TieStats`: the counts as shown (null where hidden). */
export const TieStats: TieStatsResolvers = {
  youthWithCompanyTies: (figures) => figures.cells.youthWithCompanyTies,
  youthWithThreeOrMoreCompanyTies: (figures) => figures.cells.youthWithThreeOrMoreCompanyTies,
  youthWithFirstPlacement: (figures) => figures.cells.youthWithFirstPlacement,
  companiesTiedToTwoOrMoreYouth: (figures) => figures.cells.companiesTiedToTwoOrMoreYouth,
  companiesHostingMoreThanOnePlacement: (figures) =>
    figures.cells.companiesHostingMoreThanOnePlacement,
  newTies: (figures) => figures.cells.newTies,
  youthWithPeerTies: (figures) => figures.cells.youthWithPeerTies,
};
