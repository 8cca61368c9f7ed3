import { isStaffOf } from '#kernel/authorisation';
import { ForbiddenError } from '#kernel/errors';
import type { Identity } from '#kernel/identity';
import type { CompanyRef, YouthRef } from './references.ts';

/**
 * Who may see what in the placements subgraph (DESIGN §5): a young person their own records,
 * a company contact their own company's, the municipal team their municipality's. The
 * programme office sees counts only, so it is refused every record.
 */

/** The parties of a record: the young person, the company and the municipality. */
export interface RecordParties {
  youthId: string;
  companyId: string;
  municipalityCode: string;
}

/** Whether the caller is a party to a record (placement, wish, invitation) or its team. */
export function canSeeRecord(identity: Identity, record: RecordParties): boolean {
  if (identity.role === 'YOUTH') return identity.youthId === record.youthId;
  if (identity.role === 'COMPANY_CONTACT') return identity.companyId === record.companyId;
  return isStaffOf(identity, record.municipalityCode);
}

/** The record, or `FORBIDDEN` when the caller is not a party to it nor its team. */
export function requireRecordAccess<T extends RecordParties>(identity: Identity, record: T): T {
  if (!canSeeRecord(identity, record)) throw new ForbiddenError('This record is not yours to see');
  return record;
}

/** Whether the caller is the young person or their municipality's team. */
export function canSeeYouthRecords(identity: Identity, youth: YouthRef): boolean {
  if (identity.role === 'YOUTH') return identity.youthId === youth.id;
  return isStaffOf(identity, youth.municipalityCode);
}

/**
 * `FORBIDDEN` unless the caller is the young person or their municipality's team: the lists of
 * a young person's placements, wishes, invitations and events are theirs and the team's.
 */
export function requireYouthRecordsAccess(identity: Identity, youth: YouthRef): void {
  if (!canSeeYouthRecords(identity, youth)) {
    throw new ForbiddenError("Only the young person and their municipality's team may see this");
  }
}

/** Whether the caller is a contact of the company or its municipality's team. */
export function canSeeCompanyRecords(identity: Identity, company: CompanyRef): boolean {
  if (identity.role === 'COMPANY_CONTACT') return identity.companyId === company.id;
  return isStaffOf(identity, company.municipalityCode);
}

/** `FORBIDDEN` unless the caller is a contact of the company or its municipality's team. */
export function requireCompanyRecordsAccess(identity: Identity, company: CompanyRef): void {
  if (!canSeeCompanyRecords(identity, company)) {
    throw new ForbiddenError(
      "Only the company's contacts and its municipality's team may see this",
    );
  }
}

/** Whether the caller is the municipal team (any staff role) of this municipality. */
export function isTeamOf(identity: Identity, municipalityCode: string): boolean {
  return isStaffOf(identity, municipalityCode);
}
