import type { Connection } from '#kernel/connection';
import type { SubgraphContext } from '#kernel/context';
import type { PageRequest } from '#kernel/listing';
import {
  listAttendanceRecords,
  readAttendanceTotals,
} from '../repository/attendance-repository.ts';
import { loadSharedCompanies, loadSharedYouth } from '../repository/shared-items-repository.ts';
import type { AttendanceRecord, YouthAttendanceView } from './attendance.ts';
import type { CompanyRef, YouthRef } from './references.ts';

/**
 * The young people and companies other subgraphs own, as this subgraph resolves them: with the
 * municipality their owner's item names, which their rules (`authorisation-rules.ts`) decide
 * by. Unknown ids keep no municipality, and so no audience.
 */

/**
 * A young person's municipality: the reference's, else their own record's — also when they ask
 * about themself, as their token says who asks, not where they belong.
 *
 * @param context - the request
 * @param youth - the young person
 */
export async function municipalityOfYouth(
  context: SubgraphContext,
  youth: YouthRef,
): Promise<string | undefined> {
  if (youth.municipalityCode) return youth.municipalityCode;
  return (await loadSharedYouth(context.loader, [youth.id]))[0]?.municipalityCode;
}

/** A young person's reference with their municipality, when they exist. */
export async function youthReference(context: SubgraphContext, youthId: string): Promise<YouthRef> {
  const municipalityCode = await municipalityOfYouth(context, { id: youthId });
  return municipalityCode ? { id: youthId, municipalityCode } : { id: youthId };
}

/** A company's municipality: the reference's, else its shared item's. */
export async function municipalityOfCompany(
  context: SubgraphContext,
  company: CompanyRef,
): Promise<string | undefined> {
  if (company.municipalityCode) return company.municipalityCode;
  return (await loadSharedCompanies(context.loader, [company.id]))[0]?.municipalityCode;
}

/** A company's reference with its municipality, when it exists. */
export async function companyReference(
  context: SubgraphContext,
  companyId: string,
): Promise<CompanyRef> {
  const municipalityCode = await municipalityOfCompany(context, { id: companyId });
  return municipalityCode ? { id: companyId, municipalityCode } : { id: companyId };
}

/** A young person's attendance totals, with whose they are. */
export async function attendanceOfYouth(
  context: SubgraphContext,
  youth: YouthRef,
): Promise<YouthAttendanceView> {
  const [municipalityCode, totals] = await Promise.all([
    municipalityOfYouth(context, youth),
    readAttendanceTotals(context.loader, 'YOUTH', youth.id),
  ]);
  return { youthId: youth.id, municipalityCode: municipalityCode ?? '', ...totals };
}

/** One page of a young person's own attendance records, newest first. */
export function attendanceRecordsOfYouth(
  context: SubgraphContext,
  youthId: string,
  page: PageRequest,
): Promise<Connection<AttendanceRecord>> {
  return listAttendanceRecords(context, 'YOUTH', youthId, page);
}
