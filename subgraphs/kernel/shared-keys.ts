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
} as const;
