import { auditTrailOf, refusedAttemptsOf } from '../domain/audit-queries.ts';
import type { QueryResolvers } from '../generated/resolvers-types.ts';

/** The data protection officer's root queries (`domain/audit-queries.ts`). */
export const AuditQuery: Pick<QueryResolvers, 'auditTrail' | 'refusedAttempts'> = {
  auditTrail: (_parent, args, context) => auditTrailOf(context, args),
  refusedAttempts: (_parent, args, context) => refusedAttemptsOf(context, args),
};
