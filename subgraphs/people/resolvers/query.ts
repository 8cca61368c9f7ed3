import { requireIdentity } from '#kernel/authorisation';
import { EntityIdSchema, MunicipalityCodeSchema, parseInput } from '#kernel/validation';
import { programmePeriodOf } from '../domain/figures-queries.ts';
import { currentSelfAssessmentItems } from '../domain/self-assessment-items.ts';
import { staffViewById } from '../domain/staff-queries.ts';
import { youthViewById } from '../domain/youth-queries.ts';
import type { QueryResolvers } from '../generated/resolvers-types.ts';
import { listMunicipalities, loadMunicipalities } from '../repository/municipality-repository.ts';
import { AuditQuery } from './audit-query.ts';

/** Root queries of the people subgraph. */
export const Query: QueryResolvers = {
  ...AuditQuery,
  programmeStats: (_parent, args, context) => programmePeriodOf(context, args),
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
  youth(_parent, args, context) {
    requireIdentity(context);
    return youthViewById(context, parseInput(EntityIdSchema, args.id));
  },
  staffMember(_parent, args, context) {
    requireIdentity(context);
    return staffViewById(context, parseInput(EntityIdSchema, args.id));
  },
  me: (_parent, _args, context) => requireIdentity(context),
  selfAssessmentItems(_parent, _args, context) {
    requireIdentity(context);
    return currentSelfAssessmentItems();
  },
};
