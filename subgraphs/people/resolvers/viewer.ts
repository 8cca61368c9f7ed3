import { isStaffRole } from '#kernel/identity';
import { callerMunicipalityCode } from '../domain/caller.ts';
import { staffViewById } from '../domain/staff-queries.ts';
import { youthViewById } from '../domain/youth-queries.ts';
import type { ViewerResolvers } from '../generated/resolvers-types.ts';
import { loadMunicipalities } from '../repository/municipality-repository.ts';

/**
 * `Viewer`: who the verified caller is, and the record behind them — their own profile as a
 * young person, their staff record, or (owned by the companies subgraph) their contact person.
 */
export const Viewer: ViewerResolvers = {
  role: (identity) => identity.role,
  async municipality(_identity, _args, context) {
    const code = await callerMunicipalityCode(context);
    if (!code) return null;
    const [municipality] = await loadMunicipalities(context.loader, [code]);
    return municipality ?? null;
  },
  youth: (identity, _args, context) =>
    identity.role === 'YOUTH' ? youthViewById(context, identity.youthId) : null,
  staffMember: (identity, _args, context) =>
    isStaffRole(identity.role) && 'staffId' in identity
      ? staffViewById(context, identity.staffId)
      : null,
  companyContact: (identity) =>
    identity.role === 'COMPANY_CONTACT' ? { id: identity.contactId } : null,
};
