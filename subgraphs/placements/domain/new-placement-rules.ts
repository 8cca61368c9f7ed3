import { danishToday } from '#kernel/today';
import type { GuardedPlacement } from '../repository/placement-guard-entity.ts';
import type {
  CompanyFacts,
  ContactFacts,
  OpportunityFacts,
  YouthFacts,
} from '../repository/shared-items.ts';
import { requireCompanyRatio } from './company-ratio.ts';
import { type DateRange, peakConcurrency, rangesOverlap } from './dates.ts';
import { requireNewPlacementWithinLimit } from './extension-limit.ts';
import { type Invitation, invitationStatus } from './invitation.ts';
import { LIFECYCLE_CONFIG } from './lifecycle-config.ts';
import type { PlacementOrigin } from './placement.ts';
import { requireNewPlacementDates } from './placement-date-bounds.ts';
import { broken, RULE } from './rules.ts';
import type { Wish } from './wish.ts';

/**
 * The rules a new placement keeps, as pure functions over the facts `createPlacement` read:
 * each throws the broken rule's user error (nothing is written) or narrows the facts for the
 * next. They run in the order the errors are reported.
 */

/** Everything a new placement is decided on, as read. */
export interface NewPlacementFacts {
  youth: YouthFacts | undefined;
  opportunity: OpportunityFacts | undefined;
  /** The opportunity's company (undefined when there is no opportunity). */
  company: CompanyFacts | undefined;
  mentor: ContactFacts | undefined;
  /** The young person's open placements. */
  youthPlacements: Readonly<Record<string, GuardedPlacement>>;
  /** The opportunity's open placements. */
  occupancy: Readonly<Record<string, GuardedPlacement>>;
  /** The company's open placements, over all its opportunities. */
  companyOccupancy: Readonly<Record<string, GuardedPlacement>>;
  /** The wish named, when one was. */
  wish: Wish | undefined;
  /** The invitation named, when one was. */
  invitation: Invitation | undefined;
}

/** What the input of a new placement asks for. */
export interface NewPlacementRequest extends DateRange {
  youthId: string;
  mentorContactId: string;
  wishId?: string | null | undefined;
  invitationId?: string | null | undefined;
}

/** The parties of a new placement, once they are found and fit together. */
export interface NewPlacementParties {
  youth: YouthFacts;
  company: CompanyFacts;
  opportunity: OpportunityFacts;
}

/** A placement cannot end before it starts. */
export function requirePeriod(period: DateRange): void {
  if (period.endDate < period.startDate) {
    throw broken(RULE.END_BEFORE_START, 'The placement cannot end before it starts', ['endDate']);
  }
}

/**
 * The young person, the opportunity and its company exist, are of one municipality, the company
 * takes part, the opportunity is open and the mentor is one of the company's contacts. An
 * opportunity of another municipality is answered as one that does not exist: whether it does
 * is not the team's to learn.
 */
export function requireParties(facts: NewPlacementFacts): NewPlacementParties {
  const { youth, opportunity, company, mentor } = facts;
  if (!youth) throw broken(RULE.YOUTH_NOT_FOUND, 'No such young person', ['youthId']);
  if (!opportunity || !company || company.municipalityCode !== youth.municipalityCode) {
    throw broken(
      RULE.OPPORTUNITY_NOT_FOUND,
      "No such opportunity in the young person's municipality",
      ['opportunityId'],
    );
  }
  if (company.status !== 'ACTIVE') {
    throw broken(RULE.COMPANY_NOT_ACTIVE, 'The company has paused or left the network', [
      'opportunityId',
    ]);
  }
  if (!opportunity.open) {
    throw broken(RULE.OPPORTUNITY_CLOSED, 'The opportunity is closed', ['opportunityId']);
  }
  if (mentor?.companyId !== company.id) {
    throw broken(RULE.MENTOR_NOT_AT_COMPANY, "The mentor must be one of the company's contacts", [
      'mentorContactId',
    ]);
  }
  return { youth, company, opportunity };
}

/**
 * The young person has no other open placement in the period, and the opportunity has a place
 * free on every day of it.
 *
 * @param facts - the open placements of the young person and of the opportunity
 * @param places - the opportunity's places
 * @param period - the new placement's period
 */
export function requireFreePeriod(
  facts: Pick<NewPlacementFacts, 'youthPlacements' | 'occupancy'>,
  places: number,
  period: DateRange,
): void {
  if (Object.values(facts.youthPlacements).some((other) => rangesOverlap(other, period))) {
    throw broken(
      RULE.OVERLAPPING_PLACEMENT,
      'The young person already has a placement in this period',
      ['startDate'],
    );
  }
  if (peakConcurrency(Object.values(facts.occupancy), period) >= places) {
    throw broken(RULE.OPPORTUNITY_FULL, 'Every place of the opportunity is taken in this period', [
      'opportunityId',
    ]);
  }
}

/**
 * The wish named is the young person's own, for this company, and still open. A wish of another
 * municipality is answered as one that does not exist.
 */
export function requireOpenWish(wish: Wish | undefined, parties: NewPlacementParties): Wish {
  if (!wish || wish.municipalityCode !== parties.youth.municipalityCode) {
    throw broken(RULE.WISH_NOT_FOUND, "No such wish in the young person's municipality", [
      'wishId',
    ]);
  }
  if (wish.youthId !== parties.youth.id || wish.companyId !== parties.company.id) {
    throw broken(RULE.WISH_DOES_NOT_MATCH, 'The wish is for another young person or company', [
      'wishId',
    ]);
  }
  if (wish.status !== 'OPEN') throw broken(RULE.WISH_NOT_OPEN, 'The wish is not open', ['wishId']);
  return wish;
}

/**
 * The invitation named is this young person's from this company, accepted and not yet placed.
 * An invitation of another municipality is answered as one that does not exist.
 */
export function requireAcceptedInvitation(
  invitation: Invitation | undefined,
  parties: NewPlacementParties,
  now: Date,
): Invitation {
  if (!invitation || invitation.municipalityCode !== parties.youth.municipalityCode) {
    throw broken(
      RULE.INVITATION_NOT_FOUND,
      "No such invitation in the young person's municipality",
      ['invitationId'],
    );
  }
  if (invitation.youthId !== parties.youth.id || invitation.companyId !== parties.company.id) {
    throw broken(
      RULE.INVITATION_DOES_NOT_MATCH,
      'The invitation is for another young person or company',
      ['invitationId'],
    );
  }
  if (invitationStatus(invitation, now) !== 'ACCEPTED' || invitation.placementId) {
    throw broken(
      RULE.INVITATION_NOT_ACCEPTED,
      'Only an accepted invitation not yet placed becomes a placement',
      ['invitationId'],
    );
  }
  return invitation;
}

/** What a new placement came from, once its rules hold. */
export interface CheckedNewPlacement extends NewPlacementParties {
  origin: PlacementOrigin;
  /** The wish it fulfils, when it came from one. */
  wish: Wish | null;
  /** The invitation it came from, when it came from one. */
  invitation: Invitation | null;
}

/**
 * Every rule of a new placement, in the order they are reported.
 *
 * @param facts - what was read
 * @param request - the period, the mentor and the wish or invitation asked for
 * @param now - the moment of the request (an invitation expires)
 */
export function checkNewPlacement(
  facts: NewPlacementFacts,
  request: NewPlacementRequest,
  now: Date,
): CheckedNewPlacement {
  // The dates first: a start in the year 9999 has a default end past the year 9999, which no
  // other rule reads right.
  requireNewPlacementDates(request, facts.youth?.enrolledAt ?? null, danishToday(now));
  requirePeriod(request);
  const parties = requireParties(facts);
  requireNewPlacementWithinLimit(
    request.startDate,
    request.endDate,
    parties.youth.benefitCategory ?? null,
    LIFECYCLE_CONFIG,
  );
  requireFreePeriod(facts, parties.opportunity.places, request);
  requireCompanyRatio(
    Object.values(facts.companyOccupancy),
    parties.company.employees,
    request,
    'opportunityId',
  );
  if (request.wishId) {
    const wish = requireOpenWish(facts.wish, parties);
    return {
      ...parties,
      origin: { kind: 'WISH', wishId: wish.id, invitationId: null },
      wish,
      invitation: null,
    };
  }
  if (request.invitationId) {
    const invitation = requireAcceptedInvitation(facts.invitation, parties, now);
    return {
      ...parties,
      origin: { kind: 'INVITATION', wishId: null, invitationId: invitation.id },
      wish: null,
      invitation,
    };
  }
  return {
    ...parties,
    origin: { kind: 'STAFF', wishId: null, invitationId: null },
    wish: null,
    invitation: null,
  };
}
