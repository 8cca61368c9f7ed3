import { requireIdentity } from '#kernel/authorisation';
import { MunicipalityCodeSchema, parseInput } from '#kernel/validation';
import type { QueryResolvers } from '../generated/resolvers-types.ts';
import { listMunicipalities, loadMunicipalities } from '../repository/municipality-repository.ts';

/** Root queries of the people subgraph. */
export const Query: QueryResolvers = {
  async municipalities(_parent, _args, context) {
    requireIdentity(context);
    return listMunicipalities(context.table);
  },
  async municipality(_parent, args, context) {
    requireIdentity(context);
    const code = parseInput(MunicipalityCodeSchema, args.code);
    const [municipality] = await loadMunicipalities(context.loader, [code]);
    return municipality ?? null;
  },
};
