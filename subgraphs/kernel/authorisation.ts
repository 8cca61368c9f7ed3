import type { SubgraphContext } from './context.ts';
import { ForbiddenError, UnauthenticatedError } from './errors.ts';
import { type Identity, isStaffRole, type StaffIdentity } from './identity.ts';

/**
 * The verified caller, or `UNAUTHENTICATED` for the gateway's anonymous probes: no data is
 * reachable without a person's identity.
 */
export function requireIdentity(context: Pick<SubgraphContext, 'identity'>): Identity {
  if (!context.identity) throw new UnauthenticatedError();
  return context.identity;
}

/**
 * The caller as a member of the given municipality's team, or `FORBIDDEN`. Tenancy is checked
 * here, in the subgraph, whatever the gateway did.
 *
 * @param identity - the verified caller
 * @param municipalityCode - the municipality whose data is asked for
 */
export function requireStaffOf(identity: Identity, municipalityCode: string): StaffIdentity {
  if (!isStaffRole(identity.role)) throw new ForbiddenError('Only the municipal team may do this');
  const staff = identity as StaffIdentity;
  if (staff.municipalityCode !== municipalityCode) {
    throw new ForbiddenError('This belongs to another municipality');
  }
  return staff;
}

/** Whether the caller is on the team of the given municipality. */
export function isStaffOf(identity: Identity, municipalityCode: string): boolean {
  return (
    isStaffRole(identity.role) && (identity as StaffIdentity).municipalityCode === municipalityCode
  );
}

/**
 * Whether the caller may see figures about a municipality: its own team, and the programme
 * office for every municipality (aggregates only; small cells are the statistics' concern).
 */
export function canSeeMunicipalityFigures(identity: Identity, municipalityCode: string): boolean {
  return identity.role === 'PROGRAMME' || isStaffOf(identity, municipalityCode);
}
