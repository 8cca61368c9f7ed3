import { type ItemKey, key, PREFIX } from './keys.ts';

/**
 * Keys of items that one subgraph owns and another reads or checks in a transaction — the
 * contract between subgraphs inside the single table. Each owner's entity file builds its
 * item with these keys; a reader may rely only on the attributes named here.
 */
export const sharedKeys = {
  /**
   * A young person's profile (owner: people). Readers may rely on `municipalityCode`,
   * `status`, `benefitCategory`, `enrolledAt` (placements' days from enrolment to a first
   * placement) and `version`.
   */
  youth: (youthId: string): ItemKey => ({
    pk: key(PREFIX.youth, youthId),
    sk: key(PREFIX.youth, youthId),
  }),
  /**
   * A municipality running NEXTWORK (owner: people). Readers may rely on its existence and
   * `code`: the learning community checks that a gathering's host runs the programme.
   */
  municipality: (code: string): ItemKey => ({
    pk: key(PREFIX.municipality, code),
    sk: key(PREFIX.municipality, code),
  }),
  /** A staff member (owner: people). Readers may rely on `municipalityCode` and `role`. */
  staff: (staffId: string): ItemKey => ({
    pk: key(PREFIX.staff, staffId),
    sk: key(PREFIX.staff, staffId),
  }),
  /**
   * A company (owner: companies). Readers may rely on `municipalityCode`, `status`
   * (`ACTIVE`, `PAUSED`, `LEFT`) and `employees` (its ordinary employees, a whole number from 0,
   * absent while the company has not told): placements checks rimelighedskravet against it.
   */
  company: (companyId: string): ItemKey => ({
    pk: key(PREFIX.company, companyId),
    sk: key(PREFIX.company, companyId),
  }),
  /** A company's contact person (owner: companies). Readers may rely on `companyId`. */
  contact: (contactId: string): ItemKey => ({
    pk: key(PREFIX.contact, contactId),
    sk: key(PREFIX.contact, contactId),
  }),
  /**
   * A placement opportunity (owner: companies). Readers may rely on `companyId`,
   * `municipalityCode`, `open` (boolean) and `places` (how many young people at once).
   */
  opportunity: (opportunityId: string): ItemKey => ({
    pk: key(PREFIX.opportunity, opportunityId),
    sk: key(PREFIX.opportunity, opportunityId),
  }),
  /**
   * A placement (owner: placements). Readers may rely on `youthId` and `municipalityCode`: the
   * learning community checks that a work story names one of the young person's own placements.
   * Also on `companyId` and `status` (`PLANNED`, `ACTIVE`, `EXTENDED`, `COMPLETED`,
   * `INTERRUPTED`): the learning community shares a story with the company of a planned or
   * running placement only.
   */
  placement: (placementId: string): ItemKey => ({
    pk: key(PREFIX.placement, placementId),
    sk: key(PREFIX.placement, placementId),
  }),
  /**
   * That a company and a young person are tied by an open invitation, an open wish or a
   * planned or running placement (owner: placements, written in the same transaction as the
   * change that opens or ends one; attribute `reasons`, a string set such as `PLACEMENT#p-1`).
   * Readers ask `youth-company-link.ts` whether it ties them now (an invitation's reason ends
   * at its answer-by time): the people subgraph lets the company's contacts see the young
   * person's work profile, and nothing else, while it does. It lives in the young person's item
   * collection, so erasure removes it with them.
   */
  youthCompanyLink: (youthId: string, companyId: string): ItemKey => ({
    pk: key(PREFIX.youth, youthId),
    sk: key('LINK', PREFIX.company, companyId),
  }),
  /**
   * A young person's tie to a company (`ties.ts`; written by whichever subgraph's transaction
   * makes it — placements for meetings, wishes, invitations, placements and introductions — with
   * set additions only). History, not the live link: it never ends. It lives in the young
   * person's item collection, so erasure removes it with them; gsi3 lists it for the company,
   * gsi2 for the municipality's figures. Readers may rely on `youthId`, `companyId`,
   * `municipalityCode` and the string sets `reasons`, `ways`, `contactDays`, `placementDays`,
   * `youthInterest`, `companyInterest`, read through `YouthCompanyTieEntity`.
   */
  youthCompanyTie: (youthId: string, companyId: string): ItemKey => ({
    pk: key(PREFIX.youth, youthId),
    sk: key(PREFIX.tie, PREFIX.company, companyId),
  }),
  /**
   * One side of a tie between two companies (`ties.ts`), under the first: they hosted
   * placements of the same young person, or share a company network group. Readers may rely on
   * `companyId`, `otherCompanyId` and the string sets `reasons`, `ways`, `contactDays`.
   */
  companyTie: (companyId: string, otherCompanyId: string): ItemKey => ({
    pk: key(PREFIX.tie, PREFIX.company, companyId),
    sk: key(PREFIX.company, otherCompanyId),
  }),
  /**
   * A task the placement lifecycle opens for a participant rather than for the team — the young
   * person (a self-assessment at a checkpoint or follow-up, feedback on the placement) or the
   * company (feedback) (owner: placements). It lives in the young person's item collection, so
   * erasure removes it with them. Readers may rely on `kind` (`SELF_ASSESSMENT`,
   * `PLACEMENT_FEEDBACK`), `occasion` (`CHECKPOINT`, `FOLLOW_UP`, `MIDWAY`, `END`),
   * `placementId`, `assignee` (`YOUTH`, `COMPANY`) and `openedAt`: people checks that a
   * self-assessment answers one of the young person's own open `SELF_ASSESSMENT` tasks.
   */
  participantTask: (youthId: string, taskId: string): ItemKey => ({
    pk: key(PREFIX.youth, youthId),
    sk: key('PTASK', taskId),
  }),
  /**
   * A young person's answered self-assessment (owner: people), one per occasion: `ENROLMENT`, or
   * the id of the participant task (`participantTask`) it answers. Readers may rely on its
   * existence and `recordedAt`: the placements subgraph shows a `SELF_ASSESSMENT` task as done
   * once the assessment answering it exists.
   */
  selfAssessment: (youthId: string, occasion: string): ItemKey => ({
    pk: key(PREFIX.youth, youthId),
    sk: key('SELFASSESS', occasion),
  }),
  /**
   * A young person's ties to other young people (`ties.ts`; owner: learning-community, which
   * writes them when young people share a youth group, with set additions only). History: it
   * never ends, but an erased young person is taken out of every other's. It lives in the young
   * person's item collection, so erasure removes it with them; gsi2 lists it for the
   * municipality's figures. Readers may rely on `youthId`, `municipalityCode` and the string sets
   * `peers`, `reasons`, `contactDays`, read through `YouthPeerTiesEntity`.
   */
  youthPeerTies: (youthId: string): ItemKey => ({
    pk: key(PREFIX.youth, youthId),
    sk: key(PREFIX.tie, PREFIX.youth),
  }),
  /**
   * A network group (owner: learning-community). Readers may rely on `kind` (`YOUTH`,
   * `COMPANY`), `municipalityCode` and `members` (a list of `{ memberId, joinedOn, companyId? }`,
   * `companyId` for a contact person of a company group): people and companies check that a
   * caller shares a group with the young person or company they ask about (`group-peers.ts`).
   */
  networkGroup: (groupId: string): ItemKey => ({
    pk: key(PREFIX.networkGroup, groupId),
    sk: key(PREFIX.networkGroup, groupId),
  }),
  /**
   * That a participant takes part in a network group now (owner: learning-community, written
   * and deleted in the membership's transaction): a young person or contact person as a member,
   * or a company with at least one contact person in a company group. Readers may rely on
   * `groupId`; the participant's items of this kind are listed by {@link groupParticipations}.
   */
  groupParticipation: (kind: GroupParticipantKind, participantId: string, groupId: string) => ({
    pk: groupParticipations(kind, participantId),
    sk: key(PREFIX.networkGroup, groupId),
  }),
  /**
   * What became of a staff member since their tokens were issued (owner: people): written when
   * their role changes or they are removed, absent before. Every subgraph reads it for a staff
   * caller (`#kernel/current-staff`) and may rely on `role` (the role now) and `removed`
   * (boolean).
   */
  staffStanding: (staffId: string): ItemKey => ({
    pk: key(PREFIX.staff, staffId),
    sk: 'STANDING',
  }),
  /**
   * One activity of a staff member's work (`activity-log.ts`; written by whichever subgraph's
   * transaction does the work — people for `recordActivity`, and the lifecycle's tasks and the
   * learning community's attendance as they log their own). It lives in the staff member's
   * partition, by day; gsi1 lists those concerning a young person (`YOUTH#<id>#ACTIVITY`) for
   * their export and erasure. Readers may rely on every attribute of `ActivitySchema`.
   */
  activity: (staffId: string, on: string, activityId: string): ItemKey => ({
    pk: key(PREFIX.staff, staffId),
    sk: key('ACTIVITY', on, activityId),
  }),
  /**
   * A municipality's month counters of staff minutes by kind of activity (`activity-log.ts`),
   * added to in the same transaction as each activity: `2026-11#minutes.COMPANY_VISIT`,
   * `2026-11#activities`.
   */
  activityCounts: (municipalityCode: string): ItemKey => ({
    pk: key(PREFIX.municipality, municipalityCode),
    sk: 'ACTIVITY_COUNTS',
  }),
  /**
   * A young person's staff minutes so far (`activity-log.ts`): `minutes` and `minutes.<KIND>`,
   * added to with each activity concerning them. It lives in their item collection, so erasure
   * removes it with them (the municipality's month counters keep the figures).
   */
  youthActivityMinutes: (youthId: string): ItemKey => ({
    pk: key(PREFIX.youth, youthId),
    sk: 'ACTIVITY_MINUTES',
  }),
} as const;

/**
 * Index partitions that one subgraph writes and another lists (maintenance only, never on a
 * request path).
 */
export const sharedListings = {
  /**
   * A municipality's erased young people's anonymous stubs on gsi1 (owner: people). Readers may
   * rely on `id` (the stub id other subgraphs' stubs refer to), `municipalityCode` and
   * `enrolledAt`: the placements recount counts the stubs' placements and feedback.
   */
  erasedYouth: (municipalityCode: string): string =>
    key(PREFIX.municipality, municipalityCode, 'ERASED_YOUTH'),
} as const;

/** Who takes part in network groups: young people, contact persons and their companies. */
export type GroupParticipantKind = 'YOUTH' | 'CONTACT' | 'COMPANY';

/**
 * The partition of a participant's items in the learning community (`sharedKeys.groupParticipation`
 * among them, sort keys beginning `GROUP#`): one query lists the groups they take part in.
 *
 * @param kind - the kind of participant
 * @param participantId - the young person, contact person or company
 */
export function groupParticipations(kind: GroupParticipantKind, participantId: string): string {
  return key('NETWORK', kind, participantId);
}
