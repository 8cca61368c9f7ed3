import {
  buildDemoWorld,
  type DemoCompany,
  type DemoNetworkGroup,
  type DemoPlacement,
  type DemoStaff,
  type DemoWorld,
  type DemoYouth,
  validCvr,
} from '#infra/local/seed/demo-world';
import { createRandom } from '#infra/local/seed/random';
import { addDays, addMonths } from '#kernel/calendar';
import { DANISH_MUNICIPALITIES } from './municipalities.ts';

/** How much bigger than the demo world a world is, and where. */
export interface WorldScale {
  /** The municipalities of the scaled world, as `[code, name]`. */
  municipalities: ReadonlyArray<readonly [code: string, name: string]>;
  /** Copies of a demo municipality's young people and their placements in each. */
  factor: number;
  /** Copies of its companies (at most `factor`); placements of copy j go to copy j mod this. */
  companyFactor?: number;
  /** Copies of its network groups (at most `factor`); the other young people are in none. */
  groupFactor?: number;
}

/** A municipality of a world (the demo's own type names only the five of today). */
type WorldMunicipality = DemoWorld['municipalities'][number];

const pad = (n: number) => String(n).padStart(3, '0');

/**
 * A bigger world made of copies of the demo world, so that the subgraphs' own seeders can
 * write it: each municipality is a demo municipality (the same one where the code is one of
 * the five, the others in turn) whose young people, companies, placements and network groups
 * are repeated `factor` times under new ids. The first copy keeps the demo's ids, so the
 * benchmark's operations name the same young person, company and placement in every world.
 * Deterministic: the same scale gives the same world (only the CVR numbers are drawn, from a
 * fixed seed, to stay unique).
 *
 * @param base - the demo world
 * @param scale - municipalities and factor
 */
export function scaleWorld(base: DemoWorld, scale: WorldScale): DemoWorld {
  const random = createRandom(19700101);
  const cvrs = new Set(base.companies.map((c) => c.cvr));
  const uniqueCvr = () => {
    for (;;) {
      const cvr = validCvr(random);
      if (!cvrs.has(cvr)) {
        cvrs.add(cvr);
        return cvr;
      }
    }
  };
  const world: DemoWorld = {
    today: base.today,
    municipalities: [],
    staff: [],
    youth: [],
    companies: [],
    placements: [],
    networkGroups: [],
  };
  const municipalities: WorldMunicipality[] = [];
  scale.municipalities.forEach(([code, name], index) => {
    const template =
      base.municipalities.find((m) => m.code === code) ??
      (base.municipalities[index % base.municipalities.length] as WorldMunicipality);
    // The demo world types its municipalities as the five of today; a national world has more.
    municipalities.push({ ...template, code, name } as unknown as WorldMunicipality);
    const companyFactor = Math.min(scale.companyFactor ?? scale.factor, scale.factor);
    const groupFactor = Math.min(scale.groupFactor ?? scale.factor, scale.factor);
    const copy = copier(base, template, { code, name }, uniqueCvr);
    world.staff.push(...copy.staff());
    for (let j = 0; j < scale.factor; j++) {
      if (j < companyFactor) world.companies.push(...copy.companies(j));
      world.youth.push(...copy.youth(j));
      world.placements.push(...copy.placements(j, j % companyFactor));
      if (j < groupFactor) world.networkGroups.push(...copy.networkGroups(j));
    }
  });
  world.municipalities = municipalities;
  return world;
}

/** Copies one demo municipality's people and things into another municipality. */
function copier(
  base: DemoWorld,
  template: WorldMunicipality,
  target: { code: string; name: string },
  uniqueCvr: () => string,
) {
  const of = <T extends { municipalityCode: string }>(items: T[]) =>
    items.filter((item) => item.municipalityCode === template.code);
  const staff = of(base.staff);
  const companies = of(base.companies);
  const youth = of(base.youth);
  const placements = of(base.placements);
  const groups = of(base.networkGroups);
  const same = template.code === target.code;
  const numberOf = (id: string) => Number(id.split('-')[2]);
  const domain = (name: string) =>
    `${name
      .toLowerCase()
      .replace(/æ/g, 'ae')
      .replace(/ø/g, 'oe')
      .replace(/å/g, 'aa')
      .replace(/[^a-z]/g, '')}.dk`;

  const staffId = (id: string) => `s-${target.code}-${id.split('-')[2]}`;
  const companyId = (id: string, j: number) =>
    `c-${target.code}-${pad(j * companies.length + numberOf(id))}`;
  const youthId = (id: string, j: number) =>
    `y-${target.code}-${pad(j * youth.length + numberOf(id))}`;
  // Contacts and opportunities are `ct-<code>-<company>-<n>` and `o-<code>-<company>-<n>`.
  const ownedId = (prefix: string, id: string, j: number) => {
    const [, , company = '0', n = '1'] = id.split('-');
    return `${prefix}-${target.code}-${pad(j * companies.length + Number(company))}-${n}`;
  };
  const memberId = (id: string, j: number) =>
    id.startsWith('ct-') ? ownedId('ct', id, j) : youthId(id, j);
  const groupId = (id: string, j: number) => {
    const suffix = id.split('-')[2] ?? 'g';
    return j === 0 ? `g-${target.code}-${suffix}` : `g-${target.code}-${suffix}-${j + 1}`;
  };

  return {
    staff: (): DemoStaff[] =>
      staff.map((s) => ({
        ...s,
        id: staffId(s.id),
        municipalityCode: target.code,
        email: same ? s.email : s.email.replace(/@.*$/, `@${domain(target.name)}`),
      })),
    companies: (j: number): DemoCompany[] =>
      companies.map((c) => {
        const id = companyId(c.id, j);
        return {
          ...c,
          id,
          municipalityCode: target.code,
          cvr: same && j === 0 ? c.cvr : uniqueCvr(),
          name: c.name.replace(template.name, target.name),
          address: same ? c.address : { ...c.address, town: target.name },
          contacts: c.contacts.map((ct) => ({ ...ct, id: ownedId('ct', ct.id, j), companyId: id })),
          opportunities: c.opportunities.map((o) => ({
            ...o,
            id: ownedId('o', o.id, j),
            companyId: id,
          })),
        };
      }),
    youth: (j: number): DemoYouth[] =>
      youth.map((y) => ({
        ...y,
        id: youthId(y.id, j),
        municipalityCode: target.code,
        consultantId: staffId(y.consultantId),
      })),
    placements: (j: number, companyCopy: number): DemoPlacement[] =>
      placements.map((p) => ({
        ...p,
        id: `p-${target.code}-${pad(j * placements.length + numberOf(p.id))}`,
        municipalityCode: target.code,
        youthId: youthId(p.youthId, j),
        companyId: companyId(p.companyId, companyCopy),
        opportunityId: ownedId('o', p.opportunityId, companyCopy),
        mentorContactId: ownedId('ct', p.mentorContactId, companyCopy),
      })),
    networkGroups: (j: number): DemoNetworkGroup[] =>
      groups.map((g) => {
        const id = groupId(g.id, j);
        return {
          ...g,
          id,
          municipalityCode: target.code,
          name: g.name.replace(template.name, target.name),
          facilitatorId: staffId(g.facilitatorId),
          memberIds: g.memberIds.map((m) => memberId(m, j)),
          sessions: g.sessions.map((s, i) => ({
            ...s,
            id: `${id}-s${i + 1}`,
            attendance: s.attendance.map((a) => ({ ...a, memberId: memberId(a.memberId, j) })),
          })),
        };
      }),
  };
}

/** The company that hosts the long list of past placements, and its municipality. */
export interface LargeHost {
  municipalityCode: string;
  companyId: string;
  placements: number;
}

/**
 * The benchmark's one addition to every world: a company that has hosted `count` young people
 * over the years (completed placements, one starting every ten days), so that "a list of 100
 * placements with their young people and companies" has 100 entries to list. The young people
 * are the municipality's own, in turn; completed placements hold no place and no overlap guard.
 *
 * @param world - the world to add to (changed and returned)
 * @param host - which municipality's first active company, and how many placements
 */
export function withLargeHost(
  world: DemoWorld,
  host: { municipalityCode: string; count: number },
): DemoWorld {
  const company = world.companies.find(
    (c) => c.municipalityCode === host.municipalityCode && c.status === 'ACTIVE',
  );
  const youth = world.youth.filter((y) => y.municipalityCode === host.municipalityCode);
  const opportunity = company?.opportunities[0];
  const mentor = company?.contacts[0];
  if (!company || !opportunity || !mentor || youth.length === 0) {
    throw new Error(`Municipality ${host.municipalityCode} has no company to host placements`);
  }
  for (let i = 0; i < host.count; i++) {
    const startDate = addDays(world.today, -(200 + 10 * i));
    const endDate = addMonths(startDate, 3);
    const kind = i % 2 === 0 ? ('JOB' as const) : ('EDUCATION' as const);
    world.placements.push({
      id: `p-${host.municipalityCode}-h${pad(i + 1)}`,
      municipalityCode: host.municipalityCode,
      youthId: (youth[i % youth.length] as DemoYouth).id,
      companyId: company.id,
      opportunityId: opportunity.id,
      mentorContactId: mentor.id,
      startDate,
      endDate,
      weeklyHours: opportunity.weeklyHours,
      status: 'COMPLETED',
      outcome: {
        kind,
        date: endDate,
        details:
          kind === 'JOB'
            ? { what: 'Fastansættelse', where: company.name, startDate: endDate }
            : { what: 'Grundforløb', where: 'Erhvervsskolen', startDate: addDays(endDate, 14) },
      },
    });
  }
  return world;
}

/** The municipality of the large host and of the benchmark's staff, as in `npm start`. */
export const BENCH_MUNICIPALITY = '265';

/** Placements of the large host: enough for a list of 100. */
export const LARGE_HOST_PLACEMENTS = 120;

/** The large host of the benchmark's worlds (the same company in every world). */
export function largeHostOf(world: DemoWorld = buildDemoWorld()): LargeHost {
  const company = world.companies.find(
    (c) => c.municipalityCode === BENCH_MUNICIPALITY && c.status === 'ACTIVE',
  );
  if (!company) throw new Error('The demo world has no active company in the bench municipality');
  return {
    municipalityCode: BENCH_MUNICIPALITY,
    companyId: company.id,
    placements: LARGE_HOST_PLACEMENTS,
  };
}

/** The data sets of the benchmark. */
export type DataSetName = 'demo' | 'tenfold' | 'national';

/** What each data set is, in words for the report. */
export const DATA_SETS: Record<DataSetName, { describe: string; build: () => DemoWorld }> = {
  demo: {
    describe: 'the demo world (5 municipalities) and the large host',
    build: () =>
      withLargeHost(buildDemoWorld(), {
        municipalityCode: BENCH_MUNICIPALITY,
        count: LARGE_HOST_PLACEMENTS,
      }),
  },
  tenfold: {
    describe: 'ten times the demo world in the same 5 municipalities, and the large host',
    build: () =>
      withLargeHost(
        scaleWorld(buildDemoWorld(), {
          municipalities: buildDemoWorld().municipalities.map((m) => [m.code, m.name] as const),
          factor: 10,
        }),
        { municipalityCode: BENCH_MUNICIPALITY, count: LARGE_HOST_PLACEMENTS },
      ),
  },
  national: {
    describe:
      'all 98 municipalities, each with 4× the young people and placements and 3× the companies of a demo municipality, and the large host',
    build: () =>
      withLargeHost(
        scaleWorld(buildDemoWorld(), {
          municipalities: DANISH_MUNICIPALITIES,
          factor: 4,
          companyFactor: 3,
          groupFactor: 1,
        }),
        { municipalityCode: BENCH_MUNICIPALITY, count: LARGE_HOST_PLACEMENTS },
      ),
  },
};
