import { ROLES, type Role } from '#kernel/identity';
import type { DevTokenSubject } from './dev-issuer.ts';
import { buildDemoWorld, type DemoWorld } from './seed/demo-world.ts';

/** The municipality whose people the printed demo tokens belong to. */
export const DEFAULT_DEMO_MUNICIPALITY = '265';

/**
 * A demo person for a role, filling in whatever scope the caller did not give: staff of the
 * municipality in that role, a young person in an active placement, that placement's company
 * contact. So `npm run token -- --role YOUTH` names someone who exists in the demo data.
 *
 * @param role - the role
 * @param given - scope the caller chose (municipality, company, young person …)
 * @param world - the demo world
 */
export function demoSubject(
  role: Role,
  given: Omit<DevTokenSubject, 'role'> = {},
  world: DemoWorld = buildDemoWorld(),
): DevTokenSubject {
  const municipalityCode = given.municipalityCode ?? DEFAULT_DEMO_MUNICIPALITY;
  const activePlacement = world.placements.find(
    (p) => p.municipalityCode === municipalityCode && p.status === 'ACTIVE',
  );
  switch (role) {
    case 'YOUTH': {
      const youthId = given.youthId ?? activePlacement?.youthId;
      const youth = world.youth.find((y) => y.id === youthId);
      return {
        role,
        youthId,
        municipalityCode: given.municipalityCode ?? youth?.municipalityCode ?? municipalityCode,
      };
    }
    case 'COMPANY_CONTACT': {
      const companyId = given.companyId ?? activePlacement?.companyId;
      const company = world.companies.find((c) => c.id === companyId);
      return { role, companyId, contactId: given.contactId ?? company?.contacts[0]?.id };
    }
    case 'PROGRAMME':
      return { role };
    case 'DATA_PROTECTION_OFFICER':
      return { role, municipalityCode };
    default: {
      const staff = world.staff.find(
        (s) => s.municipalityCode === municipalityCode && s.role === role,
      );
      return { role, municipalityCode, staffId: given.staffId ?? staff?.id };
    }
  }
}

/** One demo subject per role, for the tokens `npm start` prints. */
export function demoSubjectsByRole(
  world: DemoWorld = buildDemoWorld(),
): Array<[Role, DevTokenSubject]> {
  return ROLES.map((role) => [role, demoSubject(role, {}, world)]);
}
