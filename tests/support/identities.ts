import type { Identity, StaffRole } from '#kernel/identity';

/** A verified member of a municipality's team. */
export function staffIdentity(
  municipalityCode: string,
  role: StaffRole = 'NETWORK_CONSULTANT',
  staffId = `staff-${municipalityCode}-1`,
): Identity {
  return { role, subject: `sub-${staffId}`, municipalityCode, staffId };
}

/** A verified young person. */
export function youthIdentity(municipalityCode: string, youthId: string): Identity {
  return { role: 'YOUTH', subject: `sub-${youthId}`, municipalityCode, youthId };
}

/** A verified contact person of a company. */
export function companyContactIdentity(
  companyId: string,
  contactId = `${companyId}-contact`,
): Identity {
  return { role: 'COMPANY_CONTACT', subject: `sub-${contactId}`, companyId, contactId };
}

/** The programme office. */
export function programmeIdentity(): Identity {
  return { role: 'PROGRAMME', subject: 'sub-programme' };
}
