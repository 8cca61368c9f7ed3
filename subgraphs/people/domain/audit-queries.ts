import { requireIdentity } from '#kernel/authorisation';
import type { Connection } from '#kernel/connection';
import type { SubgraphContext } from '#kernel/context';
import { ForbiddenError } from '#kernel/errors';
import type { Identity } from '#kernel/identity';
import { parseInput } from '#kernel/validation';
import { listAuditTrailOfYouth, listRefusedAttempts } from '../repository/audit-repository.ts';
import { loadYouth } from '../repository/youth-repository.ts';
import { type AuditEntry, AuditTrailArgsSchema, RefusedAttemptsArgsSchema } from './audit-entry.ts';

/** A data protection officer (DESIGN §5: the audit trail is theirs to read). */
type DataProtectionOfficer = Extract<Identity, { role: 'DATA_PROTECTION_OFFICER' }>;

/** The caller as a data protection officer, or `FORBIDDEN` for every other role. */
function requireDataProtectionOfficer(identity: Identity): DataProtectionOfficer {
  if (identity.role !== 'DATA_PROTECTION_OFFICER') {
    throw new ForbiddenError('Only the data protection officer reads the audit trail');
  }
  return identity;
}

/**
 * A page of a young person's audit trail, newest first, for the data protection officer of
 * their municipality. When the young person no longer exists (erased), their municipality
 * cannot be read, so the page keeps only the records that name the officer's municipality:
 * another municipality's officer sees nothing of them.
 *
 * @param context - the request
 * @param rawArgs - `youthId`, `first`, `after`
 */
export async function auditTrailOf(
  context: SubgraphContext,
  rawArgs: unknown,
): Promise<Connection<AuditEntry>> {
  const officer = requireDataProtectionOfficer(requireIdentity(context));
  const args = parseInput(AuditTrailArgsSchema, rawArgs);
  const [youth] = await loadYouth(context.loader, [args.youthId]);
  if (youth && youth.municipalityCode !== officer.municipalityCode) {
    throw new ForbiddenError("This young person's audit trail belongs to another municipality");
  }
  const page = await listAuditTrailOfYouth(context, args.youthId, args);
  if (youth) return page;
  return {
    ...page,
    edges: page.edges.filter((edge) => edge.node.municipalityCode === officer.municipalityCode),
  };
}

/**
 * A page of the refused attempts of a period concerning the officer's own municipality,
 * newest first.
 *
 * @param context - the request
 * @param rawArgs - `from`, `to`, `first`, `after`
 */
export function refusedAttemptsOf(
  context: SubgraphContext,
  rawArgs: unknown,
): Promise<Connection<AuditEntry>> {
  const officer = requireDataProtectionOfficer(requireIdentity(context));
  const args = parseInput(RefusedAttemptsArgsSchema, rawArgs);
  return listRefusedAttempts(context, officer.municipalityCode, args, args);
}
