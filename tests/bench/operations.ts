import type { DevTokenSubject } from '#infra/local/dev-issuer';
import { buildDemoWorld, type DemoWorld } from '#infra/local/seed/demo-world';
import { BENCH_MUNICIPALITY, largeHostOf } from './world/scaled-world.ts';

/**
 * Every GraphQL operation the benchmark sends, in one place, written against the composed
 * supergraph (`schema/supergraph.graphql`); `npm run bench` validates them against it before it
 * measures anything, and the round-trip test runs them. The ids they name are the demo world's,
 * which every benchmark data set keeps (see `scaleWorld`).
 */

/** One operation as a client sends it, and who sends it. */
export interface BenchOperation {
  /** A short stable key, used in the results JSON. */
  key: string;
  /** What it is, for the printed table. */
  title: string;
  document: string;
  variables: Record<string, unknown>;
  /** Who asks; a development token is minted for this demo person. */
  as: DevTokenSubject;
  /**
   * For mutations: the variables of the n-th request of a load run, so that repeated requests
   * stay valid (another company, young person or session each time) and do not queue on one
   * item's version.
   */
  variablesOf?: (n: number) => Record<string, unknown>;
}

const world: DemoWorld = buildDemoWorld();
const code = BENCH_MUNICIPALITY;
const consultant = world.staff.find(
  (s) => s.municipalityCode === code && s.role === 'NETWORK_CONSULTANT',
);
if (!consultant) throw new Error(`The demo world has no consultant in ${code}`);
const asConsultant: DevTokenSubject = {
  role: 'NETWORK_CONSULTANT',
  municipalityCode: code,
  staffId: consultant.id,
};
const activePlacement = world.placements.find(
  (p) => p.municipalityCode === code && p.status === 'ACTIVE',
);
if (!activePlacement) throw new Error(`The demo world has no active placement in ${code}`);
const youthOfMunicipality = world.youth.filter((y) => y.municipalityCode === code);
const activeCompanies = world.companies.filter(
  (c) => c.municipalityCode === code && c.status === 'ACTIVE',
);
const youthSessions = world.networkGroups
  .filter((g) => g.municipalityCode === code && g.kind === 'YOUTH')
  .flatMap((g) => g.sessions.map((s) => ({ id: s.id, memberIds: g.memberIds })));
const pick = <T>(items: readonly T[], n: number): T => items[n % items.length] as T;

/** The municipality overview a network consultant opens first: figures from all four subgraphs. */
export const municipalityOverview: BenchOperation = {
  key: 'municipality-overview',
  title: "consultant's municipality overview",
  document: /* GraphQL */ `
    query MunicipalityOverview($code: ID!) {
      municipality(code: $code) {
        code
        name
        team { id name role }
        youthStats { total enrolled inPlacement inEducation inJob paused exited }
        companyStats { active paused left }
        placementStats { planned active extended completed interrupted }
        networkStats { youthGroups companyGroups sessionsHeld attendance { present absent excused rate } }
        youth(first: 10) { edges { node { id name status } } pageInfo { hasNextPage endCursor } }
        networkGroups(first: 10) { edges { node { id name kind memberCount } } }
        matchingEvents(first: 5) { edges { node { id title date } } }
      }
    }`,
  variables: { code },
  as: asConsultant,
};

/** A young person with placements, their companies and network groups. */
export const youthProfile: BenchOperation = {
  key: 'youth-profile',
  title: 'young person with placements, companies, groups',
  document: /* GraphQL */ `
    query YoungPerson($id: ID!) {
      youth(id: $id) {
        id
        name
        age
        status
        enrolledAt
        interests
        workWishes
        consultant { id name }
        currentPlacement { id status startDate endDate company { id name } }
        placements(first: 10) {
          edges {
            node {
              id
              status
              startDate
              endDate
              company { id name industry address { town } }
              opportunity { id title }
              mentor { id name }
            }
          }
        }
        networkGroups { id name kind memberCount facilitator { id name } }
        attendance { present absent excused rate }
        workStories(first: 5) { edges { node { id whatIDid whatIWasGoodAt } } }
        wishes(first: 5) { edges { node { id rank status company { id name } } } }
      }
    }`,
  variables: { id: activePlacement.youthId },
  as: asConsultant,
};

/**
 * A list of placements with each young person and company: the large host's placements (the
 * one list in the supergraph long enough for 100).
 *
 * @param first - how many
 */
export function placementList(first: number): BenchOperation {
  return {
    key: `placement-list-${first}`,
    title: `list of ${first} placements with young person and company`,
    document: /* GraphQL */ `
      query PlacementsOfCompany($companyId: ID!, $first: Int!) {
        company(id: $companyId) {
          id
          name
          placements(first: $first) {
            edges {
              node {
                id
                status
                startDate
                endDate
                youth { id name status }
                company { id name industry }
                mentor { id name }
              }
            }
            pageInfo { hasNextPage endCursor }
          }
        }
      }`,
    variables: { companyId: largeHostOf(world).companyId, first },
    as: asConsultant,
  };
}

/** The programme office's figures across all municipalities (counts only). */
export const programme: BenchOperation = {
  key: 'programme',
  title: 'programme figures across all municipalities',
  document: /* GraphQL */ `
    query ProgrammeFigures {
      municipalities {
        code
        name
        youthStats { total enrolled inPlacement inEducation inJob paused exited }
        companyStats { active paused left }
        placementStats { planned active extended completed interrupted }
        networkStats { youthGroups companyGroups sessionsHeld attendance { rate } }
      }
    }`,
  variables: {},
  as: { role: 'PROGRAMME' },
};

/**
 * A municipality's young people in placement, with their consultant and their placement's
 * company: the listing a team works from (people → placements → companies). Filtered by status
 * so that every entry has a placement, and a list of 10 and one of 100 have the same shape.
 *
 * @param first - how many
 */
export function youthListing(first: number): BenchOperation {
  return {
    key: `youth-listing-${first}`,
    title: `municipality listing: ${first} young people in placement`,
    document: /* GraphQL */ `
      query YoungPeopleOfMunicipality($code: ID!, $first: Int!) {
        municipality(code: $code) {
          code
          youth(status: IN_PLACEMENT, first: $first) {
            edges {
              node {
                id
                name
                status
                consultant { id name }
                currentPlacement { id status company { id name } }
              }
            }
            pageInfo { hasNextPage endCursor }
          }
        }
      }`,
    variables: { code, first },
    as: asConsultant,
  };
}

/**
 * A municipality's companies with contacts, open opportunities and network groups.
 *
 * @param first - how many
 */
export function companyListing(first: number): BenchOperation {
  return {
    key: `company-listing-${first}`,
    title: `municipality listing: ${first} companies`,
    document: /* GraphQL */ `
      query CompaniesOfMunicipality($code: ID!, $first: Int!) {
        municipality(code: $code) {
          code
          companies(first: $first) {
            edges {
              node {
                id
                name
                industry
                status
                contacts { id name }
                opportunities(open: true) { id title }
                networkGroups { id name }
              }
            }
            pageInfo { hasNextPage endCursor }
          }
        }
      }`,
    variables: { code, first },
    as: asConsultant,
  };
}

/** people: the team updates a young person's profile (another young person each time). */
export const updateYouthProfile: BenchOperation = {
  key: 'update-youth-profile',
  title: 'mutation: update a young person’s profile',
  document: /* GraphQL */ `
    mutation UpdateYouthProfile($input: UpdateYouthProfileInput!) {
      updateYouthProfile(input: $input) {
        youth { id name interests version }
        errors { code message }
      }
    }`,
  variables: {
    input: {
      youthId: activePlacement.youthId,
      expectedVersion: 1,
      interests: ['Musik', 'Fodbold'],
    },
  },
  as: asConsultant,
  // Each pass over the municipality's young people updates each of them once, in order, so the
  // n-th request finds its young person at one version more than the passes before it (the demo
  // world stores every young person at version 1). A request of a run whose earlier update of
  // the same young person failed answers CONFLICT, which the run reports as an error.
  variablesOf: (n) => {
    const youth = pick(youthOfMunicipality, n);
    const expectedVersion = 1 + Math.floor(n / youthOfMunicipality.length);
    return { input: { youthId: youth.id, expectedVersion, interests: youth.interests } };
  },
};

/**
 * How many updates of each company this process has asked for: each moves the company's
 * version on by one from the seeded 1, and the next must name the version it is at.
 */
const companyUpdatesAsked = new Map<string, number>();

/** companies: the team updates a company (another company each time). */
export const updateCompany: BenchOperation = {
  key: 'update-company',
  title: 'mutation: update a company',
  document: /* GraphQL */ `
    mutation UpdateCompany($input: UpdateCompanyInput!) {
      updateCompany(input: $input) {
        company { id name industry version }
        errors { code message }
      }
    }`,
  variables: {
    input: {
      companyId: (activeCompanies[0] as (typeof activeCompanies)[number]).id,
      industry: (activeCompanies[0] as (typeof activeCompanies)[number]).industry,
      expectedVersion: 1,
    },
  },
  as: asConsultant,
  variablesOf: (n) => {
    const company = pick(activeCompanies, n);
    const asked = companyUpdatesAsked.get(company.id) ?? 0;
    companyUpdatesAsked.set(company.id, asked + 1);
    return {
      input: { companyId: company.id, industry: company.industry, expectedVersion: 1 + asked },
    };
  },
};

/**
 * Every pair of a young person and a company the `invite-youth` operation invites: the team has
 * introduced each (`world/bench-introductions.ts`), as a company may invite only a young
 * person it has met.
 */
export const INVITED_PAIRS: ReadonlyArray<{ youthId: string; companyId: string }> =
  activeCompanies.flatMap((company) =>
    youthOfMunicipality.map((youth) => ({ youthId: youth.id, companyId: company.id })),
  );

/**
 * placements: a company invites a young person (the team on its behalf; another pair each
 * time, so that no pending invitation of the same company is refused; every pair introduced
 * by the team first, see {@link INVITED_PAIRS}).
 */
export const inviteYouth: BenchOperation = {
  key: 'invite-youth',
  title: 'mutation: invite a young person',
  document: /* GraphQL */ `
    mutation InviteYouth($input: InviteYouthInput!) {
      inviteYouth(input: $input) {
        invitation { id status expiresAt youth { id } company { id name } }
        errors { code message }
      }
    }`,
  variables: {
    input: {
      youthId: (youthOfMunicipality[40] as (typeof youthOfMunicipality)[number]).id,
      companyId: (activeCompanies[10] as (typeof activeCompanies)[number]).id,
      message: 'Vi vil gerne have dig i praktik hos os',
    },
  },
  as: asConsultant,
  variablesOf: (n) => ({
    input: {
      youthId: pick(youthOfMunicipality, n).id,
      companyId: pick(activeCompanies, Math.floor(n / youthOfMunicipality.length) + 1).id,
      message: 'Vi vil gerne have dig i praktik hos os',
    },
  }),
};

/** The version a held session of the demo world is seeded at (`seed-learning-community.ts`). */
const SEEDED_SESSION_VERSION = 2;

/** learning community: the team records who came to a network group session. */
export const recordSessionAttendance: BenchOperation = {
  key: 'record-session-attendance',
  title: 'mutation: record session attendance',
  document: /* GraphQL */ `
    mutation RecordAttendance($input: RecordSessionAttendanceInput!) {
      recordSessionAttendance(input: $input) {
        session { id date attendanceRecorded attendance { memberId status } }
        errors { code message }
      }
    }`,
  variables: attendanceOf(0),
  as: asConsultant,
  variablesOf: attendanceOf,
};

/**
 * The n-th recording of a load run: the sessions in turn, each recording made at the version
 * the one before left the session at (a run sends its requests in order, and the same session
 * comes round only every `youthSessions.length` requests).
 */
function attendanceOf(n: number): Record<string, unknown> {
  const session = pick(youthSessions, n);
  return {
    input: {
      sessionId: session.id,
      expectedVersion: SEEDED_SESSION_VERSION + Math.floor(n / youthSessions.length),
      attendance: session.memberIds.map((memberId, i) => ({
        memberId,
        status: (i + n) % 5 === 0 ? 'EXCUSED' : 'PRESENT',
      })),
    },
  };
}

/** The reads measured under load, through the gateway, the subgraphs and the monolith. */
export const LOAD_READS: readonly BenchOperation[] = [
  municipalityOverview,
  youthProfile,
  placementList(100),
  programme,
];

/** The main mutations, one per subgraph, measured under load through the gateway. */
export const LOAD_MUTATIONS: readonly BenchOperation[] = [
  updateYouthProfile,
  updateCompany,
  inviteYouth,
  recordSessionAttendance,
];

/** The reads whose DynamoDB round trips are counted, with the list lengths compared. */
export const COUNTED_READS: readonly BenchOperation[] = [
  municipalityOverview,
  youthProfile,
  placementList(10),
  placementList(100),
  youthListing(10),
  youthListing(100),
  companyListing(10),
  companyListing(100),
  programme,
];

/** The scale comparison: the programme query and a municipality listing. */
export const SCALE_READS: readonly BenchOperation[] = [programme, youthListing(20)];

/** Every operation, for validation against the supergraph. */
export const ALL_OPERATIONS: readonly BenchOperation[] = [
  ...new Map(
    [...LOAD_READS, ...LOAD_MUTATIONS, ...COUNTED_READS, ...SCALE_READS].map((o) => [o.key, o]),
  ).values(),
];
