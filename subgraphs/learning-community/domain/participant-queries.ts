import { requireIdentity } from '#kernel/authorisation';
import type { Connection } from '#kernel/connection';
import type { SubgraphContext } from '#kernel/context';
import { ForbiddenError } from '#kernel/errors';
import {
  listAttendanceRecords,
  readAttendanceTotals,
} from '../repository/attendance-repository.ts';
import type { PageRequest } from '../repository/paging.ts';
import { loadSharedCompanies, loadSharedYouth } from '../repository/shared-items-repository.ts';
import { canReadCompany, canReadYouth } from './access.ts';
import type { AttendanceRecord, YouthAttendanceView } from './attendance.ts';
import type { CompanyRef, YouthRef } from './references.ts';

/**
 * A young person as this subgraph may show them to the caller: the young person themself or
 * their municipality's team; anyone else (or an unknown id) is `FORBIDDEN`. The municipality is
 * read from the young person's shared item unless the reference carries it.
 */
export async function authorisedYouth(
  context: SubgraphContext,
  youth: YouthRef,
): Promise<Required<YouthRef>> {
  const identity = requireIdentity(context);
  // A young person asking about themself: their verified token already names the municipality.
  const own = identity.role === 'YOUTH' && identity.youthId === youth.id;
  const municipalityCode =
    youth.municipalityCode ??
    (own ? identity.municipalityCode : undefined) ??
    (await loadSharedYouth(context.loader, [youth.id]))[0]?.municipalityCode;
  if (!municipalityCode || !canReadYouth(identity, youth.id, municipalityCode)) {
    throw new ForbiddenError("Only the young person and their municipality's team see this");
  }
  return { id: youth.id, municipalityCode };
}

/**
 * A company as this subgraph may show it to the caller: its own contacts or its municipality's
 * team; anyone else (or an unknown id) is `FORBIDDEN`.
 */
export async function authorisedCompany(
  context: SubgraphContext,
  company: CompanyRef,
): Promise<Required<CompanyRef>> {
  const identity = requireIdentity(context);
  const municipalityCode =
    company.municipalityCode ??
    (await loadSharedCompanies(context.loader, [company.id]))[0]?.municipalityCode;
  if (!municipalityCode || !canReadCompany(identity, company.id, municipalityCode)) {
    throw new ForbiddenError("Only the company's contacts and its municipality's team see this");
  }
  return { id: company.id, municipalityCode };
}

/** A young person's attendance totals, for them or their team. */
export async function attendanceOfYouth(
  context: SubgraphContext,
  youth: YouthRef,
): Promise<YouthAttendanceView> {
  const allowed = await authorisedYouth(context, youth);
  const totals = await readAttendanceTotals(context.loader, 'YOUTH', allowed.id);
  return { youthId: allowed.id, municipalityCode: allowed.municipalityCode, ...totals };
}

/** One page of a young person's own attendance records, newest first. */
export async function attendanceRecordsOfYouth(
  context: SubgraphContext,
  youth: YouthRef,
  page: PageRequest,
): Promise<Connection<AttendanceRecord>> {
  const allowed = await authorisedYouth(context, youth);
  return listAttendanceRecords(context.table, context.cursors, 'YOUTH', allowed.id, page);
}
