import { PROGRAMME_WIDE_REFUSALS } from '#kernel/audit';
import { requireIdentity } from '#kernel/authorisation';
import type { Connection } from '#kernel/connection';
import type { SubgraphContext } from '#kernel/context';
import type { Identity } from '#kernel/identity';
import { parseInput } from '#kernel/validation';
import { listAuditTrailOfYouth, listRefusedAttempts } from '../repository/audit-repository.ts';
import { loadYouth } from '../repository/youth-repository.ts';
import { type AuditEntry, AuditTrailArgsSchema, RefusedAttemptsArgsSchema } from './audit-entry.ts';

/** A data protection officer: the audit trail is theirs to read (`docs/authorisation.md`). */
type DataProtectionOfficer = Extract<Identity, { role: 'DATA_PROTECTION_OFFICER' }>;

/**
 * The caller, whom the field's rule admitted as a data protection officer
 * (`DATA_SUBJECT_ACCESS.auditTrail`, `anyRole(DATA_PROTECTION_OFFICER)`).
 */
function officerOf(context: SubgraphContext): DataProtectionOfficer {
  return requireIdentity(context) as DataProtectionOfficer;
}

/**
 * A page of a young person's audit trail, newest first, for the data protection officer of
 * their municipality (the field's rule). When the young person no longer exists (erased), their
 * municipality cannot be read, so the page keeps only the records that name the officer's
 * municipality: another municipality's officer sees nothing of them.
 *
 * @param context - the request
 * @param rawArgs - `youthId`, `first`, `after`
 */
export async function auditTrailOf(
  context: SubgraphContext,
  rawArgs: unknown,
): Promise<Connection<AuditEntry>> {
  const officer = officerOf(context);
  const args = parseInput(AuditTrailArgsSchema, rawArgs);
  const [youth] = await loadYouth(context.loader, [args.youthId]);
  const page = await listAuditTrailOfYouth(context, args.youthId, args);
  if (youth) return page;
  return {
    ...page,
    edges: page.edges.filter((edge) => edge.node.municipalityCode === officer.municipalityCode),
  };
}

/**
 * A page of the refused attempts of a period concerning the officer's own municipality, or of
 * the programme-wide list that every officer reads (refusals no municipality is known for),
 * newest first.
 *
 * @param context - the request
 * @param rawArgs - `from`, `to`, `scope`, `first`, `after`
 */
export function refusedAttemptsOf(
  context: SubgraphContext,
  rawArgs: unknown,
): Promise<Connection<AuditEntry>> {
  const officer = officerOf(context);
  const args = parseInput(RefusedAttemptsArgsSchema, rawArgs);
  const list = args.scope === 'PROGRAMME_WIDE' ? PROGRAMME_WIDE_REFUSALS : officer.municipalityCode;
  return listRefusedAttempts(context, list, args, args);
}
