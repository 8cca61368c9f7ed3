import { addDays, addMonths } from '#kernel/calendar';
import { FIRST_NAMES, INDUSTRIES, LAST_NAMES, STREETS } from './danish-names.ts';
import { createRandom, type Random } from './random.ts';

/**
 * The demo world `npm start` seeds: five municipalities, their teams, about 300 young people,
 * 250 companies, placements at every stage and network groups with sessions. Plain data with
 * readable, stable ids (`y-265-001`), generated from a fixed seed and a fixed "today", so the
 * README's examples and the tests can name people that exist. Each subgraph's seeder writes its
 * own part of it through its own repository.
 */

/** The day the demo world is set on; dates in it are relative to this one. */
export const DEMO_TODAY = '2026-11-23';

/** The municipalities running NEXTWORK today. */
export const DEMO_MUNICIPALITIES = [
  { code: '101', name: 'København', postcode: '1550', town: 'København V' },
  { code: '265', name: 'Roskilde', postcode: '4000', town: 'Roskilde' },
  { code: '540', name: 'Sønderborg', postcode: '6400', town: 'Sønderborg' },
  { code: '615', name: 'Horsens', postcode: '8700', town: 'Horsens' },
  { code: '630', name: 'Vejle', postcode: '7100', town: 'Vejle' },
] as const;

/** A municipality of the demo world. */
export type DemoMunicipality = (typeof DEMO_MUNICIPALITIES)[number];

/** A member of a municipal team. */
export interface DemoStaff {
  id: string;
  municipalityCode: string;
  role: 'TEAM_LEADER' | 'NETWORK_CONSULTANT' | 'ENTREPRENEUR' | 'PSYCHOLOGIST';
  name: string;
  email: string;
  phone: string;
}

/** A young person's status in the programme. */
export type DemoYouthStatus =
  | 'ENROLLED'
  | 'IN_PLACEMENT'
  | 'IN_EDUCATION'
  | 'IN_JOB'
  | 'PAUSED'
  | 'EXITED';

/** A young person in the programme. */
export interface DemoYouth {
  id: string;
  municipalityCode: string;
  firstName: string;
  lastName: string;
  birthDate: string;
  phone: string;
  email: string;
  enrolledAt: string;
  status: DemoYouthStatus;
  /** Every status the young person has had, oldest first, the last being `status`. */
  statusHistory: Array<{ status: DemoYouthStatus; date: string; reason: string }>;
  consultantId: string;
  benefitCategory: 'ACTIVITY_READY' | 'EDUCATION_READY';
  interests: string[];
  workWishes: string[];
  barriers: string[];
  supportNotes: string[];
  researchConsent: { given: boolean; date: string };
  /** The team's reason for an enrolment outside the target group (18–29), when there is one. */
  ageExceptionReason?: string;
  /** Issue #21's covariates at enrolment and benefit history (see `issue21Covariates`). */
  gender: 'FEMALE' | 'MALE' | 'OTHER' | 'NOT_STATED';
  highestCompletedEducation: 'GRUNDSKOLE' | 'GYMNASIAL' | 'ERHVERVSFAGLIG' | 'UNKNOWN' | 'NONE';
  /** The category at enrolment and each dated change, the last being `benefitCategory`. */
  benefitHistory: Array<{ category: 'ACTIVITY_READY' | 'EDUCATION_READY'; from: string }>;
}

/** A company's contact person; the owner of a `COMPANY_CONTACT` token. */
export interface DemoContact {
  id: string;
  companyId: string;
  name: string;
  role: string;
  phone: string;
  email: string;
}

/** A placement opportunity a company offers. */
export interface DemoOpportunity {
  id: string;
  companyId: string;
  title: string;
  description: string;
  trade: string;
  weeklyHours: number;
  places: number;
  open: boolean;
}

/** A company of a municipality's network. */
export interface DemoCompany {
  id: string;
  municipalityCode: string;
  cvr: string;
  name: string;
  industry: string;
  address: { street: string; postcode: string; town: string };
  status: 'ACTIVE' | 'PAUSED' | 'LEFT';
  pause?: { from: string; until: string; reason: string };
  joinedAt: string;
  contacts: DemoContact[];
  opportunities: DemoOpportunity[];
}

/** How a placement ended and what came next. */
export interface DemoOutcome {
  kind: 'EXTENDED' | 'NEW_PLACEMENT' | 'EDUCATION' | 'JOB' | 'PAUSE' | 'DROPPED_OUT';
  date: string;
  details?: { what: string; where: string; startDate: string };
}

/** A three-month placement ("praktikforløb"). */
export interface DemoPlacement {
  id: string;
  municipalityCode: string;
  youthId: string;
  companyId: string;
  opportunityId: string;
  mentorContactId: string;
  startDate: string;
  endDate: string;
  weeklyHours: number;
  status: 'PLANNED' | 'ACTIVE' | 'EXTENDED' | 'COMPLETED' | 'INTERRUPTED';
  outcome?: DemoOutcome;
  reflection?: { whatHappened: string; whatWasLearned: string; whatNext: string };
}

/** A session of a network group, with who came. */
export interface DemoSession {
  id: string;
  date: string;
  theme: string;
  attendance: Array<{ memberId: string; status: 'PRESENT' | 'ABSENT' | 'EXCUSED' }>;
}

/** A network group of young people or of company contacts. */
export interface DemoNetworkGroup {
  id: string;
  municipalityCode: string;
  kind: 'YOUTH' | 'COMPANY';
  name: string;
  facilitatorId: string;
  /** Young people's ids for a youth group, contact persons' ids for a company group. */
  memberIds: string[];
  sessions: DemoSession[];
}

/** Everything the demo world holds. */
export interface DemoWorld {
  today: string;
  municipalities: readonly DemoMunicipality[];
  staff: DemoStaff[];
  youth: DemoYouth[];
  companies: DemoCompany[];
  placements: DemoPlacement[];
  networkGroups: DemoNetworkGroup[];
}

const YOUTH_PER_MUNICIPALITY = 60;
const COMPANIES_PER_MUNICIPALITY = 50;

/** Builds the demo world; the same on every call and every machine. */
export function buildDemoWorld(): DemoWorld {
  const random = createRandom(20260429);
  const world: DemoWorld = {
    today: DEMO_TODAY,
    municipalities: DEMO_MUNICIPALITIES,
    staff: [],
    youth: [],
    companies: [],
    placements: [],
    networkGroups: [],
  };
  for (const municipality of DEMO_MUNICIPALITIES) {
    const staff = buildTeam(random, municipality);
    const companies = buildCompanies(random, municipality);
    const youth = buildYouth(random, municipality, staff);
    const placements = buildPlacements(random, municipality, youth, companies);
    world.staff.push(...staff);
    world.companies.push(...companies);
    world.youth.push(...youth);
    world.placements.push(...placements);
    world.networkGroups.push(...buildNetworkGroups(random, municipality, staff, youth, companies));
  }
  return world;
}

function personName(random: Random) {
  return { firstName: random.pick(FIRST_NAMES), lastName: random.pick(LAST_NAMES) };
}

function phone(random: Random): string {
  return `+45${random.int(2, 9)}${String(random.int(0, 9_999_999)).padStart(7, '0')}`;
}

function emailOf(name: string, domain: string): string {
  const local = name
    .toLowerCase()
    .replace(/æ/g, 'ae')
    .replace(/ø/g, 'oe')
    .replace(/å/g, 'aa')
    .replace(/[^a-z0-9]+/g, '.')
    .replace(/^\.|\.$/g, '');
  return `${local}@${domain}`;
}

function buildTeam(random: Random, municipality: DemoMunicipality): DemoStaff[] {
  const roles: DemoStaff['role'][] = [
    'TEAM_LEADER',
    'NETWORK_CONSULTANT',
    'NETWORK_CONSULTANT',
    'NETWORK_CONSULTANT',
    'ENTREPRENEUR',
    'PSYCHOLOGIST',
  ];
  const domain = `${municipality.name.toLowerCase().replace(/ø/g, 'oe').replace(/å/g, 'aa')}.dk`;
  return roles.map((role, index) => {
    const { firstName, lastName } = personName(random);
    const name = `${firstName} ${lastName}`;
    return {
      id: `s-${municipality.code}-${index + 1}`,
      municipalityCode: municipality.code,
      role,
      name,
      email: emailOf(name, domain),
      phone: phone(random),
    };
  });
}

/** A CVR number with a valid modulus-11 check digit (weights 2,7,6,5,4,3,2,1). */
export function validCvr(random: Random): string {
  const weights = [2, 7, 6, 5, 4, 3, 2];
  for (;;) {
    const digits = [random.int(1, 9), ...Array.from({ length: 6 }, () => random.int(0, 9))];
    const sum = digits.reduce((total, digit, i) => total + digit * (weights[i] ?? 0), 0);
    const check = (11 - (sum % 11)) % 11;
    if (check < 10) return [...digits, check].join('');
  }
}

function buildCompanies(random: Random, municipality: DemoMunicipality): DemoCompany[] {
  return Array.from({ length: COMPANIES_PER_MUNICIPALITY }, (_, index) => {
    const id = `c-${municipality.code}-${String(index + 1).padStart(3, '0')}`;
    const sector = random.pick(INDUSTRIES);
    const name = `${municipality.name} ${random.pick(sector.stems)} ${random.pick(LAST_NAMES)} ApS`;
    const status: DemoCompany['status'] =
      index % 12 === 5 ? 'PAUSED' : index % 25 === 24 ? 'LEFT' : 'ACTIVE';
    const domain = `${
      name
        .split(' ')[1]
        ?.toLowerCase()
        .replace(/[^a-z]/g, '') || 'firma'
    }${index + 1}.dk`;
    const contacts = Array.from({ length: random.int(1, 2) }, (_, c): DemoContact => {
      const { firstName, lastName } = personName(random);
      const contactName = `${firstName} ${lastName}`;
      return {
        id: `ct-${municipality.code}-${String(index + 1).padStart(3, '0')}-${c + 1}`,
        companyId: id,
        name: contactName,
        role: c === 0 ? 'Indehaver' : 'Mester',
        phone: phone(random),
        email: emailOf(contactName, domain),
      };
    });
    const opportunities = Array.from(
      { length: random.int(1, 3) },
      (_, o): DemoOpportunity => ({
        id: `o-${municipality.code}-${String(index + 1).padStart(3, '0')}-${o + 1}`,
        companyId: id,
        title: `Praktik som ${sector.trade.toLowerCase()}`,
        description: `Tre måneders praktik hos ${name} med en fast mentor og opgaver inden for ${sector.industry.toLowerCase()}.`,
        trade: sector.trade,
        weeklyHours: random.pick([15, 20, 25, 30, 37]),
        places: random.int(1, 3),
        open: status === 'ACTIVE' && o !== 2,
      }),
    );
    return {
      id,
      municipalityCode: municipality.code,
      cvr: validCvr(random),
      name,
      industry: sector.industry,
      address: {
        street: `${random.pick(STREETS)} ${random.int(1, 120)}`,
        postcode: municipality.postcode,
        town: municipality.town,
      },
      status,
      ...(status === 'PAUSED'
        ? {
            pause: {
              from: addDays(DEMO_TODAY, -20),
              until: addDays(DEMO_TODAY, 70),
              reason: 'Travl sæson; tager igen praktikanter efter nytår',
            },
          }
        : {}),
      joinedAt: addDays(DEMO_TODAY, -random.int(60, 900)),
      contacts,
      opportunities,
    };
  });
}

const INTERESTS = [
  'Musik',
  'Fodbold',
  'Gaming',
  'Madlavning',
  'Dyr',
  'Fitness',
  'Tegning',
  'Biler',
  'Natur',
];
const BARRIERS = ['Angst', 'Ordblindhed', 'Misbrug (tidligere)', 'Gæld', 'Boligløs', 'ADHD'];

/** A demo enrolment outside the target group: 17 on the day, with the team's reason. */
function ageException(enrolledAt: string): Pick<DemoYouth, 'birthDate' | 'ageExceptionReason'> {
  return {
    birthDate: addDays(enrolledAt, -(17 * 365 + 200)),
    ageExceptionReason: 'Henvist af jobcentret som 17-årig efter afbrudt efterskole',
  };
}

const GENDERS = ['FEMALE', 'MALE', 'MALE', 'FEMALE', 'OTHER', 'NOT_STATED'] as const;
const EDUCATIONS = [
  'GRUNDSKOLE',
  'GRUNDSKOLE',
  'ERHVERVSFAGLIG',
  'GYMNASIAL',
  'NONE',
  'GRUNDSKOLE',
  'UNKNOWN',
] as const;

/**
 * Issue #21's demo covariates and benefit history, from the young person's number (no draw of
 * the random stream, so every other demo value stays as it was): every fifth young person
 * enrolled more than four months ago changed benefit category two months after enrolment — the
 * category now is the one drawn, the one at enrolment the other.
 */
function issue21Covariates(
  index: number,
  enrolledAt: string,
  benefitCategory: DemoYouth['benefitCategory'],
): Pick<DemoYouth, 'gender' | 'highestCompletedEducation' | 'benefitHistory'> {
  const changed = index % 5 === 2 && enrolledAt < addDays(DEMO_TODAY, -120);
  const other = benefitCategory === 'ACTIVITY_READY' ? 'EDUCATION_READY' : 'ACTIVITY_READY';
  return {
    gender: GENDERS[index % GENDERS.length] as DemoYouth['gender'],
    highestCompletedEducation: EDUCATIONS[
      index % EDUCATIONS.length
    ] as DemoYouth['highestCompletedEducation'],
    benefitHistory: changed
      ? [
          { category: other, from: enrolledAt },
          { category: benefitCategory, from: addDays(enrolledAt, 60) },
        ]
      : [{ category: benefitCategory, from: enrolledAt }],
  };
}

function buildYouth(
  random: Random,
  municipality: DemoMunicipality,
  staff: DemoStaff[],
): DemoYouth[] {
  const consultants = staff.filter((s) => s.role === 'NETWORK_CONSULTANT');
  return Array.from({ length: YOUTH_PER_MUNICIPALITY }, (_, index) => {
    const { firstName, lastName } = personName(random);
    const enrolledAt = addDays(DEMO_TODAY, -random.int(30, 540));
    const sectors = random.sample(INDUSTRIES, 2);
    const youth: Omit<DemoYouth, 'gender' | 'highestCompletedEducation' | 'benefitHistory'> = {
      id: `y-${municipality.code}-${String(index + 1).padStart(3, '0')}`,
      municipalityCode: municipality.code,
      firstName,
      lastName,
      // Inside the target group (18–29) on the day of enrolment, but the first of each
      // municipality: 17, enrolled with the team's reason (issue #20's age exception).
      birthDate: addDays(enrolledAt, -random.int(18 * 365 + 5, 29 * 365)),
      phone: phone(random),
      email: emailOf(`${firstName} ${lastName} ${random.int(1, 99)}`, 'mail.dk'),
      enrolledAt,
      status: 'ENROLLED',
      statusHistory: [{ status: 'ENROLLED', date: enrolledAt, reason: 'Indskrevet i NEXTWORK' }],
      consultantId: (consultants[index % consultants.length] as DemoStaff).id,
      benefitCategory: (random.chance(0.6)
        ? 'ACTIVITY_READY'
        : 'EDUCATION_READY') as DemoYouth['benefitCategory'],
      interests: random.sample(INTERESTS, random.int(1, 3)),
      workWishes: sectors.map((s) => s.trade),
      barriers: random.sample(BARRIERS, random.int(0, 2)),
      supportNotes: random.chance(0.3) ? ['Samtaleforløb hver anden uge'] : [],
      researchConsent: { given: random.chance(0.8), date: enrolledAt },
      ...(index === 0 ? ageException(enrolledAt) : {}),
    };
    // After every draw of the young person, in the order they were drawn before #21.
    return { ...youth, ...issue21Covariates(index, enrolledAt, youth.benefitCategory) };
  });
}

/** The stages a municipality's placements are spread over, so that every stage is present. */
const PLACEMENT_PLAN: Array<{
  status: DemoPlacement['status'];
  outcome?: DemoOutcome['kind'];
  startOffsetDays: number;
  /** Left early for the outcome (a job), this many days after the start: a success (#20). */
  leftEarlyAfterDays?: number;
}> = [
  { status: 'PLANNED', startOffsetDays: 14 },
  { status: 'PLANNED', startOffsetDays: 21 },
  { status: 'PLANNED', startOffsetDays: 7 },
  ...[-10, -20, -35, -45, -60, -70, -80, -85].map((d) => ({
    status: 'ACTIVE' as const,
    startOffsetDays: d,
  })),
  { status: 'EXTENDED', outcome: 'EXTENDED', startOffsetDays: -110 },
  { status: 'EXTENDED', outcome: 'EXTENDED', startOffsetDays: -120 },
  { status: 'COMPLETED', outcome: 'EDUCATION', startOffsetDays: -200 },
  { status: 'COMPLETED', outcome: 'EDUCATION', startOffsetDays: -300 },
  { status: 'COMPLETED', outcome: 'JOB', startOffsetDays: -180, leftEarlyAfterDays: 45 },
  { status: 'COMPLETED', outcome: 'JOB', startOffsetDays: -260 },
  { status: 'COMPLETED', outcome: 'JOB', startOffsetDays: -400 },
  { status: 'COMPLETED', outcome: 'PAUSE', startOffsetDays: -150 },
  { status: 'COMPLETED', outcome: 'NEW_PLACEMENT', startOffsetDays: -240 },
  { status: 'INTERRUPTED', outcome: 'DROPPED_OUT', startOffsetDays: -130 },
  { status: 'INTERRUPTED', outcome: 'PAUSE', startOffsetDays: -60 },
];

function buildPlacements(
  random: Random,
  municipality: DemoMunicipality,
  youth: DemoYouth[],
  companies: DemoCompany[],
): DemoPlacement[] {
  const hosts = companies.filter((c) => c.status === 'ACTIVE');
  return PLACEMENT_PLAN.map((plan, index) => {
    const person = youth[index] as DemoYouth;
    const company = hosts[index % hosts.length] as DemoCompany;
    const opportunity = company.opportunities[0] as DemoOpportunity;
    const startDate = addDays(DEMO_TODAY, plan.startOffsetDays);
    const plannedEnd = addMonths(startDate, 3);
    const endDate =
      plan.status === 'EXTENDED'
        ? addMonths(startDate, 5)
        : plan.leftEarlyAfterDays
          ? addDays(startDate, plan.leftEarlyAfterDays)
          : plannedEnd;
    const interruptedAt = addDays(startDate, 40);
    const placement: DemoPlacement = {
      id: `p-${municipality.code}-${String(index + 1).padStart(3, '0')}`,
      municipalityCode: municipality.code,
      youthId: person.id,
      companyId: company.id,
      opportunityId: opportunity.id,
      mentorContactId: (company.contacts[0] as DemoContact).id,
      startDate,
      endDate: plan.status === 'INTERRUPTED' ? interruptedAt : endDate,
      weeklyHours: opportunity.weeklyHours,
      status: plan.status,
    };
    if (person.enrolledAt > startDate) {
      const earlier = addDays(startDate, -random.int(20, 60));
      // The birth date moves with the enrolment, so the age on the day stays what was drawn.
      const days = (Date.parse(person.enrolledAt) - Date.parse(earlier)) / 86_400_000;
      person.birthDate = addDays(person.birthDate, -days);
      person.enrolledAt = earlier;
    }
    person.statusHistory = [
      { status: 'ENROLLED', date: person.enrolledAt, reason: 'Indskrevet i NEXTWORK' },
    ];
    applyPlacementToYouth(person, placement, plan.outcome, plannedEnd, interruptedAt);
    return placement;
  });
}

function applyPlacementToYouth(
  person: DemoYouth,
  placement: DemoPlacement,
  outcome: DemoOutcome['kind'] | undefined,
  plannedEnd: string,
  interruptedAt: string,
): void {
  const move = (status: DemoYouthStatus, date: string, reason: string) => {
    person.status = status;
    person.statusHistory.push({ status, date, reason });
  };
  if (placement.status === 'PLANNED') return;
  move('IN_PLACEMENT', placement.startDate, 'Praktik startet');
  if (placement.status === 'ACTIVE') return;
  if (placement.status === 'EXTENDED') {
    placement.outcome = { kind: 'EXTENDED', date: plannedEnd };
    return;
  }
  if (placement.status === 'INTERRUPTED') {
    placement.outcome = { kind: outcome ?? 'PAUSE', date: interruptedAt };
    placement.reflection = {
      whatHappened: 'Mødetiderne passede ikke med behandlingsforløbet',
      whatWasLearned: 'At sige til i tide, og at morgenvagter er svære lige nu',
      whatNext: 'Pause og ny praktik med senere mødetid',
    };
    move('PAUSED', interruptedAt, 'Praktik afbrudt');
    return;
  }
  const date = placement.endDate;
  if (outcome === 'EDUCATION') {
    const details = { what: 'Grundforløb', where: 'Erhvervsskolen', startDate: addDays(date, 14) };
    placement.outcome = { kind: 'EDUCATION', date, details };
    move('IN_EDUCATION', date, 'Startet på uddannelse');
  } else if (outcome === 'JOB') {
    const details = { what: 'Fastansættelse', where: 'Praktikvirksomheden', startDate: date };
    placement.outcome = { kind: 'JOB', date, details };
    move('IN_JOB', date, 'Ansat efter praktik');
  } else if (outcome === 'PAUSE') {
    placement.outcome = { kind: 'PAUSE', date };
    move('PAUSED', date, 'Pause efter praktik');
  } else {
    placement.outcome = { kind: 'NEW_PLACEMENT', date };
    move('ENROLLED', date, 'Afventer ny praktik');
  }
}

const SESSION_THEMES = [
  'Min arbejdsidentitet',
  'Hvad er jeg god til?',
  'Første uge i praktik',
  'Når noget går galt',
  'Mødestabilitet',
  'Fra praktik til job',
];

function buildNetworkGroups(
  random: Random,
  municipality: DemoMunicipality,
  staff: DemoStaff[],
  youth: DemoYouth[],
  companies: DemoCompany[],
): DemoNetworkGroup[] {
  const consultants = staff.filter((s) => s.role === 'NETWORK_CONSULTANT');
  const groups: DemoNetworkGroup[] = [];
  for (const [g, consultant] of consultants.slice(0, 2).entries()) {
    const members = youth.slice(g * 10, g * 10 + 10).map((y) => y.id);
    groups.push({
      id: `g-${municipality.code}-y${g + 1}`,
      municipalityCode: municipality.code,
      kind: 'YOUTH',
      name: `Ungenetværk ${municipality.name} ${g + 1}`,
      facilitatorId: consultant.id,
      memberIds: members,
      sessions: sessions(random, `g-${municipality.code}-y${g + 1}`, members, 7, 8),
    });
  }
  const contactIds = companies
    .filter((c) => c.status === 'ACTIVE')
    .slice(0, 10)
    .map((c) => (c.contacts[0] as DemoContact).id);
  const facilitator = staff.find((s) => s.role === 'ENTREPRENEUR') as DemoStaff;
  groups.push({
    id: `g-${municipality.code}-c1`,
    municipalityCode: municipality.code,
    kind: 'COMPANY',
    name: `Virksomhedsnetværk ${municipality.name}`,
    facilitatorId: facilitator.id,
    memberIds: contactIds,
    sessions: sessions(random, `g-${municipality.code}-c1`, contactIds, 42, 4),
  });
  return groups;
}

function sessions(
  random: Random,
  groupId: string,
  memberIds: string[],
  everyDays: number,
  count: number,
): DemoSession[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `${groupId}-s${i + 1}`,
    date: addDays(DEMO_TODAY, -everyDays * (count - i)),
    theme: SESSION_THEMES[i % SESSION_THEMES.length] as string,
    attendance: memberIds.map((memberId) => ({
      memberId,
      status: random.chance(0.75) ? 'PRESENT' : random.chance(0.5) ? 'EXCUSED' : 'ABSENT',
    })),
  }));
}
