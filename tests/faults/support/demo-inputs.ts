import { buildDemoWorld } from '#infra/local/seed/demo-world';

/**
 * Inputs of changes that fit the demo world the faulty stack is seeded with, so that each one is
 * accepted on its own and any refusal or duplicate comes from the faults.
 */

const world = buildDemoWorld();

/**
 * An enrolment in a municipality; the name makes it unique, so that it can be counted.
 *
 * @param municipalityCode - the municipality
 * @param name - a name no one else has
 */
export function enrolmentInput(municipalityCode: string, name: string) {
  return {
    municipalityCode,
    name,
    dateOfBirth: '2004-05-17',
    phone: '20304050',
    benefitCategory: 'ACTIVITY_READY',
  };
}

/**
 * New placements: young people of the municipality with no placement, each at an open
 * opportunity no demo placement uses, mentored by the company's first contact, all starting on
 * one day. A day after the demo world's placements, none overlaps another and none starts a
 * lifecycle; the young person makes each one unique.
 *
 * @param municipalityCode - the municipality
 * @param count - how many
 * @param startDate - the first day of every one
 */
export function placementInputs(municipalityCode: string, count: number, startDate: string) {
  const placed = new Set(world.placements.map((p) => p.youthId));
  const used = new Set(world.placements.map((p) => p.opportunityId));
  const youth = world.youth.filter(
    (y) => y.municipalityCode === municipalityCode && !placed.has(y.id),
  );
  const hosts = world.companies
    .filter((c) => c.municipalityCode === municipalityCode && c.status === 'ACTIVE')
    .flatMap((company) =>
      company.opportunities
        .filter((o) => o.open && !used.has(o.id))
        .map((opportunity) => ({ opportunity, mentor: company.contacts[0] })),
    );
  if (youth.length < count || hosts.length < count) {
    throw new Error(`The demo world has fewer than ${count} free young people or opportunities`);
  }
  return youth.slice(0, count).map((person, n) => ({
    youthId: person.id,
    opportunityId: hosts[n]?.opportunity.id,
    mentorContactId: hosts[n]?.mentor?.id,
    startDate,
    weeklyHours: 20,
    plan: { goals: ['At møde stabilt'], tasks: ['Lager'] },
  }));
}
