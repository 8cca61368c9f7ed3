import { addDays } from '#kernel/calendar';
import type { Item, Table } from '#kernel/table/table';
import {
  type TieInterest,
  tieSource,
  type YouthCompanyContact,
  youthCompanyTieItems,
} from '#kernel/ties';
import { scheduledCheckpoints } from '#placements/domain/checkpoint-schedule';
import { rangesOverlap } from '#placements/domain/dates';
import { feedbackContribution, feedbackFacts } from '#placements/domain/feedback-figures';
import type { Introduction } from '#placements/domain/introduction';
import type { Invitation } from '#placements/domain/invitation';
import type { MatchingEvent, MatchingEventParticipation } from '#placements/domain/matching-event';
import {
  type Checkpoint,
  OPEN_PLACEMENT_STATUSES,
  type Placement,
  type PlacementOrigin,
  type PlacementPlan,
} from '#placements/domain/placement';
import { allCounterChanges } from '#placements/domain/placement-figures';
import { contactsOfRecords } from '#placements/domain/tie-history';
import type { Wish } from '#placements/domain/wish';
import { wishContribution } from '#placements/domain/wish-figures';
import { IntroductionEntity } from '#placements/repository/introduction-entity';
import { InvitationEntity } from '#placements/repository/invitation-entity';
import {
  MatchingEventEntity,
  MatchingEventParticipationEntity,
} from '#placements/repository/matching-event-entity';
import { PlacementEntity } from '#placements/repository/placement-entity';
import { PlacementFeedbackEntity } from '#placements/repository/placement-feedback-entity';
import {
  CompanyOccupancyEntity,
  type GuardedPlacement,
  OpportunityOccupancyEntity,
  YouthPlacementGuardEntity,
} from '#placements/repository/placement-guard-entity';
import { counterItems } from '#placements/repository/placement-stats-entity';
import { WishEntity } from '#placements/repository/wish-entity';
import type { DemoCompany, DemoPlacement, DemoWorld, DemoYouth } from './demo-world.ts';
import { participantVoiceItems } from './seed-participant-voice.ts';
import { invitationsAnsweringWishes, inviteAnswer } from './seed-wish-invitations.ts';

/**
 * Writes the placements subgraph's part of the demo world: every placement (with a plan,
 * checkpoints, outcome and reflection derived deterministically), the counters and monthly
 * figures (by the same domain functions as every write: `allCounterChanges`), the
 * occupancy and overlap guards consistent with them, and a few wishes, invitations and
 * matching events. Meeting first, then the invitation: the team introduced each invited young
 * person to the company a week before it invited them, and every wish, placement and
 * introduction ties its pair as the commands do. Youth–company links are the people seeder's
 * part of the demo.
 *
 * @param table - the table to fill
 * @param world - the demo world
 */
export async function seedPlacements(table: Table, world: DemoWorld): Promise<void> {
  const companies = new Map(world.companies.map((c) => [c.id, c]));
  const items: Item[] = [];
  const placements: Placement[] = [];
  const wishes: Wish[] = [];
  const invitations: Invitation[] = [];

  world.placements.forEach((demo, index) => {
    const origin = originOf(demo, index);
    const placement = placementOf(demo, world.today, companies, origin);
    placements.push(placement);
    if (origin.wishId) wishes.push(placedWish(demo, origin.wishId, placement));
    if (origin.invitationId)
      invitations.push(acceptedInvitation(demo, origin.invitationId, placement));
  });
  const meetings: YouthCompanyContact[] = [];
  for (const municipality of world.municipalities) {
    const youth = world.youth.filter((y) => y.municipalityCode === municipality.code);
    const hosts = world.companies.filter(
      (c) => c.municipalityCode === municipality.code && c.status === 'ACTIVE',
    );
    const answered = openWishes(youth, hosts, world.today);
    wishes.push(...answered);
    invitations.push(...invitationsAnsweringWishes(answered));
    invitations.push(...openInvitations(youth, hosts, world.today));
    items.push(...matchingEvents(municipality.code, youth, hosts, world.today, meetings));
  }

  const introductions = invitations.map((invitation) => introductionBefore(invitation, world));
  items.push(...placements.map(PlacementEntity.toItem));
  items.push(...wishes.map(WishEntity.toItem));
  items.push(...invitations.map(InvitationEntity.toItem));
  items.push(...introductions.map(IntroductionEntity.toItem));
  items.push(
    ...youthCompanyTieItems([
      ...contactsOfRecords({ wishes, invitations, placements, introductions }),
      ...meetings,
    ]),
  );
  items.push(...guardItems(placements));
  const voice = participantVoiceItems(placements, world.today);
  items.push(...voice);
  // The figures by the same domain functions as the writes and the recount.
  const enrolledAt = new Map(world.youth.map((y) => [y.id, y.enrolledAt]));
  items.push(
    ...counterItems([
      ...allCounterChanges(placements, (id) => enrolledAt.get(id) ?? null),
      ...wishes.flatMap(wishContribution),
      ...voice
        .filter((item) => item.entity === PlacementFeedbackEntity.name)
        .flatMap((item) =>
          feedbackContribution(feedbackFacts(PlacementFeedbackEntity.fromItem(item))),
        ),
    ]),
  );
  await table.putMany(items);
}

/** Every third placement came from a wish, every third from an invitation, the rest from staff. */
function originOf(demo: DemoPlacement, index: number): PlacementOrigin {
  const suffix = demo.id.slice(2);
  if (index % 3 === 0) return { kind: 'WISH', wishId: `w-${suffix}`, invitationId: null };
  if (index % 3 === 1) {
    return { kind: 'INVITATION', wishId: null, invitationId: `i-${suffix}` };
  }
  return { kind: 'STAFF', wishId: null, invitationId: null };
}

function placementOf(
  demo: DemoPlacement,
  today: string,
  companies: Map<string, DemoCompany>,
  origin: PlacementOrigin,
): Placement {
  const company = companies.get(demo.companyId) as DemoCompany;
  const opportunity = company.opportunities.find((o) => o.id === demo.opportunityId);
  const lastDay = demo.endDate;
  return {
    id: demo.id,
    municipalityCode: demo.municipalityCode,
    youthId: demo.youthId,
    companyId: demo.companyId,
    opportunityId: demo.opportunityId,
    mentorContactId: demo.mentorContactId,
    startDate: demo.startDate,
    endDate: demo.endDate,
    weeklyHours: demo.weeklyHours,
    status: demo.status,
    plan: planOf(opportunity?.trade ?? company.industry),
    checkpoints: checkpointsOf(demo, today, lastDay),
    outcome: demo.outcome
      ? { kind: demo.outcome.kind, date: demo.outcome.date, details: demo.outcome.details ?? null }
      : null,
    learningReflection: demo.reflection ?? null,
    origin,
    createdAt: `${addDays(demo.startDate, -14)}T09:00:00.000Z`,
    version: 1,
  };
}

function planOf(trade: string): PlacementPlan {
  return {
    goals: [
      `Jeg vil finde ud af, om ${trade.toLowerCase()} er noget for mig`,
      'Jeg vil møde til tiden hver dag',
    ],
    tasks: [`Faste opgaver som ${trade.toLowerCase()} sammen med mentor`, 'Deltage i morgenmøder'],
    support: ['Ugentlig samtale med mentor', 'Netværkskonsulent på besøg hver anden uge'],
  };
}

function checkpointsOf(demo: DemoPlacement, today: string, lastDay: string): Checkpoint[] {
  const dates = { ...demo, endDate: lastDay, outcome: null };
  return scheduledCheckpoints(dates).map((checkpoint) => {
    const held = demo.status !== 'PLANNED' && checkpoint.dueDate <= today;
    return held
      ? { ...checkpoint, completedOn: checkpoint.dueDate, notes: 'Opfølgning holdt som aftalt' }
      : checkpoint;
  });
}

function placedWish(demo: DemoPlacement, wishId: string, placement: Placement): Wish {
  return {
    id: wishId,
    municipalityCode: demo.municipalityCode,
    youthId: demo.youthId,
    companyId: demo.companyId,
    opportunityId: demo.opportunityId,
    rank: 1,
    motivation: 'Jeg vil gerne prøve at arbejde med mine hænder og lære faget',
    status: 'PLACED',
    placementId: placement.id,
    createdAt: `${addDays(demo.startDate, -30)}T10:00:00.000Z`,
    version: 2,
  };
}

function acceptedInvitation(
  demo: DemoPlacement,
  invitationId: string,
  placement: Placement,
): Invitation {
  const sent = addDays(demo.startDate, -30);
  return {
    id: invitationId,
    municipalityCode: demo.municipalityCode,
    youthId: demo.youthId,
    companyId: demo.companyId,
    opportunityId: demo.opportunityId,
    message: 'Vi mødtes til matchdagen og vil gerne have dig i praktik hos os',
    status: 'ACCEPTED',
    answerBy: `${addDays(sent, 14)}T23:59:59.000Z`,
    answeredAt: `${addDays(sent, 3)}T12:00:00.000Z`,
    placementId: placement.id,
    createdAt: `${sent}T10:00:00.000Z`,
    version: 2,
  };
}

/** Young people 19 to 24 of each municipality have open wishes: two each, ranked. */
function openWishes(youth: DemoYouth[], hosts: DemoCompany[], today: string): Wish[] {
  return youth.slice(18, 24).flatMap((person, i) =>
    [0, 1].map((w): Wish => {
      const company = hosts[(i * 5 + w * 11 + 20) % hosts.length] as DemoCompany;
      const opportunity = company.opportunities.find((o) => o.open);
      return {
        id: `w-${person.id.slice(2)}-${w + 1}`,
        municipalityCode: person.municipalityCode,
        youthId: person.id,
        companyId: company.id,
        opportunityId: w === 0 && opportunity ? opportunity.id : null,
        rank: w + 1,
        motivation:
          w === 0
            ? 'Jeg har altid gerne villet prøve det, og de var søde til matchdagen'
            : 'Tæt på hvor jeg bor, og de har faste mødetider',
        placementId: null,
        createdAt: `${addDays(today, -10 + i)}T1${w}:00:00.000Z`,
        ...answerOf(`w-${person.id.slice(2)}-${w + 1}`, i, w, today),
      };
    }),
  );
}

/**
 * The companies' answers in the demo: the first young person's second wish was declined kindly,
 * the last young person's first wish answered with an invitation (`seed-wish-invitations.ts`).
 */
function answerOf(
  wishId: string,
  i: number,
  w: number,
  today: string,
): Pick<Wish, 'status' | 'answer' | 'version'> {
  // The last wisher: the e2e tests answer the other wishers' open wishes themselves.
  if (i === 5 && w === 0) return inviteAnswer(wishId, today);
  if (i !== 0 || w !== 1) return { status: 'OPEN', version: 1 };
  return {
    status: 'DECLINED',
    answer: {
      kind: 'DECLINE',
      message:
        'Tak for dit ønske! Vi har ikke plads lige nu, men kom gerne til næste matchdag - vi vil gerne møde dig.',
      answeredAt: `${addDays(today, -5)}T14:00:00.000Z`,
      invitationId: null,
    },
    version: 2,
  };
}

/**
 * Young people 25 to 28 of each municipality have invitations: two pending, one declined and
 * one expired unanswered.
 */
function openInvitations(youth: DemoYouth[], hosts: DemoCompany[], today: string): Invitation[] {
  const fates = ['PENDING', 'PENDING', 'DECLINED', 'EXPIRED'] as const;
  return youth.slice(24, 28).map((person, i): Invitation => {
    const company = hosts[(i * 7 + 30) % hosts.length] as DemoCompany;
    const fate = fates[i] ?? 'PENDING';
    const sent = fate === 'EXPIRED' ? addDays(today, -30) : addDays(today, -3 - i);
    return {
      id: `i-${person.id.slice(2)}-1`,
      municipalityCode: person.municipalityCode,
      youthId: person.id,
      companyId: company.id,
      opportunityId: company.opportunities.find((o) => o.open)?.id ?? null,
      message: 'Vi kunne godt tænke os at have dig i praktik. Kom forbi til en snak!',
      status: fate === 'DECLINED' ? 'DECLINED' : 'PENDING',
      answerBy: `${addDays(sent, 14)}T23:59:59.000Z`,
      answeredAt: fate === 'DECLINED' ? `${addDays(sent, 2)}T15:00:00.000Z` : null,
      placementId: null,
      createdAt: `${sent}T09:30:00.000Z`,
      version: fate === 'DECLINED' ? 2 : 1,
    };
  });
}

/** The team's introduction behind a demo invitation: a week before it was sent. */
function introductionBefore(invitation: Invitation, world: DemoWorld): Introduction {
  const consultant = world.staff.find(
    (s) => s.municipalityCode === invitation.municipalityCode && s.role === 'NETWORK_CONSULTANT',
  );
  if (!consultant) throw new Error(`No consultant in ${invitation.municipalityCode}`);
  return {
    id: `in-${invitation.id.slice(2)}`,
    municipalityCode: invitation.municipalityCode,
    youthId: invitation.youthId,
    companyId: invitation.companyId,
    note: 'Vil gerne prøve faget; passer til virksomhedens hold',
    introducedBy: consultant.id,
    createdAt: `${addDays(invitation.createdAt.slice(0, 10), -7)}T09:00:00.000Z`,
    version: 1,
  };
}

/** The interest each side expressed at a demo meeting, by the meeting's number. */
const DEMO_INTEREST: ReadonlyArray<[TieInterest, TieInterest]> = [
  ['STRONG', 'SOME'],
  ['SOME', 'NONE'],
  ['NONE', 'NONE'],
  ['SOME', 'STRONG'],
];

/**
 * Two matching events a municipality: one held a month ago (with notes, and the meetings the
 * team recorded there: each young person met three of its companies), one in two weeks.
 */
function matchingEvents(
  municipalityCode: string,
  youth: DemoYouth[],
  hosts: DemoCompany[],
  today: string,
  meetings: YouthCompanyContact[],
): Item[] {
  const items: Item[] = [];
  [-30, 14].forEach((offset, e) => {
    const date = addDays(today, offset);
    const participants = youth.slice(18 + e * 4, 30 + e * 4);
    const event: MatchingEvent = {
      id: `me-${municipalityCode}-${e + 1}`,
      municipalityCode,
      title:
        e === 0 ? 'Matchdag: unge og virksomheder mødes' : 'Speed-dating med lokale virksomheder',
      date,
      place: e === 0 ? 'Jobcentret, mødesal 1' : 'Kulturhuset',
      youthIds: participants.map((y) => y.id),
      companyIds: hosts.slice(e * 6, e * 6 + 8).map((c) => c.id),
      createdAt: `${addDays(date, -21)}T08:00:00.000Z`,
      version: 1,
    };
    items.push(MatchingEventEntity.toItem(event));
    participants.forEach((person, p) => {
      const participation: MatchingEventParticipation = {
        eventId: event.id,
        eventDate: date,
        municipalityCode,
        youthId: person.id,
        note:
          offset < 0 && p % 2 === 0
            ? 'Jeg talte med tre virksomheder og fik lyst til at prøve lager'
            : null,
        version: 1,
      };
      items.push(MatchingEventParticipationEntity.toItem(participation));
      if (offset > 0) return;
      [p, p + 3, p + 5].forEach((n, m) => {
        const companyId = event.companyIds[n % event.companyIds.length];
        const [youthInterest, companyInterest] = DEMO_INTEREST[(p + m) % DEMO_INTEREST.length] ?? [
          'NONE',
          'NONE',
        ];
        if (!companyId) return;
        meetings.push({
          youthId: person.id,
          companyId,
          municipalityCode,
          source: tieSource.meeting(event.id),
          way: 'MATCHING_EVENT',
          day: date,
          youthInterest,
          companyInterest,
        });
      });
    });
  });
  return items;
}

/** The overlap guard of every young person and the occupancy of every opportunity and company. */
function guardItems(placements: Placement[]): Item[] {
  const byYouth = new Map<string, Record<string, GuardedPlacement>>();
  const byOpportunity = new Map<string, Record<string, GuardedPlacement>>();
  const byCompany = new Map<string, Record<string, GuardedPlacement>>();
  for (const p of placements) {
    if (!OPEN_PLACEMENT_STATUSES.includes(p.status)) continue;
    const entry = { startDate: p.startDate, endDate: p.endDate, status: p.status };
    const youthGuard = byYouth.get(p.youthId) ?? {};
    if (Object.values(youthGuard).some((other) => rangesOverlap(other, entry))) {
      throw new Error(`Demo placement ${p.id} overlaps another of the same young person`);
    }
    youthGuard[p.id] = entry;
    byYouth.set(p.youthId, youthGuard);
    byOpportunity.set(p.opportunityId, { ...byOpportunity.get(p.opportunityId), [p.id]: entry });
    byCompany.set(p.companyId, { ...byCompany.get(p.companyId), [p.id]: entry });
  }
  return [
    ...[...byYouth].map(([youthId, open]) =>
      YouthPlacementGuardEntity.toItem({ youthId, placements: open, version: 1 }),
    ),
    ...[...byOpportunity].map(([opportunityId, open]) =>
      OpportunityOccupancyEntity.toItem({ opportunityId, placements: open, version: 1 }),
    ),
    ...[...byCompany].map(([companyId, open]) =>
      CompanyOccupancyEntity.toItem({ companyId, placements: open, version: 1 }),
    ),
  ];
}
