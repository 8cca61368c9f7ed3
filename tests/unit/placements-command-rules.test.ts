import { describe, expect, it } from 'vitest';
import { DomainRuleError } from '#kernel/errors';
import { audienceOf } from '#placements/domain/access';
import type { Invitation } from '#placements/domain/invitation';
import { requireDueTask } from '#placements/domain/lifecycle-commands';
import {
  checkNewPlacement,
  type NewPlacementFacts,
  type NewPlacementRequest,
} from '#placements/domain/new-placement-rules';
import { requireLongerPeriodFree } from '#placements/domain/placement-change';
import type { Wish } from '#placements/domain/wish';
import {
  companyContactIdentity,
  programmeIdentity,
  staffIdentity,
  youthIdentity,
} from '../support/identities.ts';
import { aLifecycleTask, aPlacement } from '../support/placements-factories.ts';

function ruleOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainRuleError) return error.userError.code;
    throw error;
  }
  return undefined;
}

const NOW = new Date('2026-11-26T10:00:00Z');

/** What `createPlacement` reads when every rule holds: one young person, one free place. */
function facts(overrides: Partial<NewPlacementFacts> = {}): NewPlacementFacts {
  return {
    youth: {
      id: 'y-1',
      municipalityCode: '265',
      status: 'ENROLLED',
      benefitCategory: 'ACTIVITY_READY',
      enrolledAt: '2026-01-05',
    },
    opportunity: { id: 'o-1', companyId: 'c-1', municipalityCode: '265', open: true, places: 1 },
    company: { id: 'c-1', municipalityCode: '265', status: 'ACTIVE', employees: null },
    mentor: { id: 'ct-1', companyId: 'c-1' },
    youthPlacements: {},
    occupancy: {},
    companyOccupancy: {},
    wish: undefined,
    invitation: undefined,
    ...overrides,
  };
}

const REQUEST: NewPlacementRequest = {
  youthId: 'y-1',
  mentorContactId: 'ct-1',
  startDate: '2026-12-01',
  endDate: '2027-03-01',
};

const OPEN_WISH: Wish = {
  id: 'w-1',
  municipalityCode: '265',
  youthId: 'y-1',
  companyId: 'c-1',
  opportunityId: 'o-1',
  rank: 1,
  motivation: 'Jeg vil gerne',
  status: 'OPEN',
  placementId: null,
  createdAt: '2026-11-01T10:00:00.000Z',
  version: 1,
};

const ACCEPTED: Invitation = {
  id: 'i-1',
  municipalityCode: '265',
  youthId: 'y-1',
  companyId: 'c-1',
  opportunityId: null,
  message: 'Kom og prøv',
  status: 'ACCEPTED',
  answerBy: '2026-11-30T00:00:00.000Z',
  answeredAt: '2026-11-20T00:00:00.000Z',
  placementId: null,
  createdAt: '2026-11-16T10:00:00.000Z',
  version: 2,
};

const HELD = { startDate: '2026-11-15', endDate: '2027-01-15', status: 'ACTIVE' as const };

describe('placements domain: the rules of a new placement, on the facts read', () => {
  it('passes a placement arranged by the team, naming its parties', () => {
    // Act
    const checked = checkNewPlacement(facts(), REQUEST, NOW);
    // Assess
    expect(checked.origin).toEqual({ kind: 'STAFF', wishId: null, invitationId: null });
    expect([checked.youth.id, checked.company.id, checked.opportunity.id]).toEqual([
      'y-1',
      'c-1',
      'o-1',
    ]);
  });

  it('passes a placement from an open wish and from an accepted invitation, naming its origin', () => {
    // Act
    const fromWish = checkNewPlacement(
      facts({ wish: OPEN_WISH }),
      { ...REQUEST, wishId: 'w-1' },
      NOW,
    );
    const fromInvitation = checkNewPlacement(
      facts({ invitation: ACCEPTED }),
      { ...REQUEST, invitationId: 'i-1' },
      NOW,
    );
    // Assess
    expect(fromWish.origin).toEqual({ kind: 'WISH', wishId: 'w-1', invitationId: null });
    expect(fromWish.wish).toEqual(OPEN_WISH);
    expect(fromInvitation.origin).toEqual({
      kind: 'INVITATION',
      wishId: null,
      invitationId: 'i-1',
    });
  });

  it.each([
    ['ending before it starts', facts(), { endDate: '2026-11-30' }, 'END_BEFORE_START'],
    ['for nobody', facts({ youth: undefined }), {}, 'YOUTH_NOT_FOUND'],
    ['at no opportunity', facts({ opportunity: undefined }), {}, 'OPPORTUNITY_NOT_FOUND'],
    ['at no company', facts({ company: undefined }), {}, 'OPPORTUNITY_NOT_FOUND'],
    [
      'at a company of another municipality, as if there were none',
      facts({ company: { id: 'c-1', municipalityCode: '101', status: 'ACTIVE', employees: null } }),
      {},
      'OPPORTUNITY_NOT_FOUND',
    ],
    [
      'at a paused company',
      facts({ company: { id: 'c-1', municipalityCode: '265', status: 'PAUSED', employees: null } }),
      {},
      'COMPANY_NOT_ACTIVE',
    ],
    [
      'at a closed opportunity',
      facts({
        opportunity: {
          id: 'o-1',
          companyId: 'c-1',
          municipalityCode: '265',
          open: false,
          places: 1,
        },
      }),
      {},
      'OPPORTUNITY_CLOSED',
    ],
    [
      'with a mentor of another company',
      facts({ mentor: { id: 'ct-1', companyId: 'c-2' } }),
      {},
      'MENTOR_NOT_AT_COMPANY',
    ],
    [
      'overlapping another of the young person',
      facts({ youthPlacements: { 'p-0': HELD } }),
      {},
      'OVERLAPPING_PLACEMENT',
    ],
    ['when every place is taken', facts({ occupancy: { 'p-0': HELD } }), {}, 'OPPORTUNITY_FULL'],
    [
      'at a company of four employees with one young person placed already (rimelighedskravet)',
      facts({
        company: { id: 'c-1', municipalityCode: '265', status: 'ACTIVE', employees: 4 },
        companyOccupancy: { 'p-0': HELD },
      }),
      {},
      'COMPANY_RATIO_EXCEEDED',
    ],
    [
      'at a company of unknown size with one young person placed already',
      facts({ companyOccupancy: { 'p-0': HELD } }),
      {},
      'COMPANY_RATIO_EXCEEDED',
    ],
    ['from a wish that is not there', facts(), { wishId: 'w-1' }, 'WISH_NOT_FOUND'],
    [
      'from a wish of another municipality, as if there were none',
      facts({ wish: { ...OPEN_WISH, municipalityCode: '101' } }),
      { wishId: 'w-1' },
      'WISH_NOT_FOUND',
    ],
    [
      "from another young person's wish",
      facts({ wish: { ...OPEN_WISH, youthId: 'y-2' } }),
      { wishId: 'w-1' },
      'WISH_DOES_NOT_MATCH',
    ],
    [
      'from a wish withdrawn',
      facts({ wish: { ...OPEN_WISH, status: 'WITHDRAWN' } }),
      { wishId: 'w-1' },
      'WISH_NOT_OPEN',
    ],
    [
      'from an invitation that is not there',
      facts(),
      { invitationId: 'i-1' },
      'INVITATION_NOT_FOUND',
    ],
    [
      'from an invitation of another municipality, as if there were none',
      facts({ invitation: { ...ACCEPTED, municipalityCode: '101' } }),
      { invitationId: 'i-1' },
      'INVITATION_NOT_FOUND',
    ],
    [
      "from another company's invitation",
      facts({ invitation: { ...ACCEPTED, companyId: 'c-2' } }),
      { invitationId: 'i-1' },
      'INVITATION_DOES_NOT_MATCH',
    ],
    [
      'from an invitation placed already',
      facts({ invitation: { ...ACCEPTED, placementId: 'p-0' } }),
      { invitationId: 'i-1' },
      'INVITATION_NOT_ACCEPTED',
    ],
  ])('refuses a placement %s', (_what, read, request, code) => {
    // Act / Assess
    expect(ruleOf(() => checkNewPlacement(read, { ...REQUEST, ...request }, NOW))).toBe(code);
  });

  it('reports the first broken rule: a missing young person before a full opportunity', () => {
    // Act / Assess
    expect(
      ruleOf(() =>
        checkNewPlacement(facts({ youth: undefined, occupancy: { 'p-0': HELD } }), REQUEST, NOW),
      ),
    ).toBe('YOUTH_NOT_FOUND');
  });
});

describe('placements domain: a longer period', () => {
  const period = { startDate: '2026-10-01', endDate: '2027-03-01' };

  it("ignores the placement's own entries and passes a free longer period", () => {
    // Act / Assess
    expect(
      ruleOf(() =>
        requireLongerPeriodFree(
          'p-1',
          period,
          { youthPlacements: { 'p-1': HELD }, occupancy: { 'p-1': HELD } },
          1,
        ),
      ),
    ).toBeUndefined();
  });

  it("refuses a longer period that overlaps another of the young person's or fills the place", () => {
    // Act / Assess
    expect(
      ruleOf(() =>
        requireLongerPeriodFree(
          'p-1',
          period,
          { youthPlacements: { 'p-2': HELD }, occupancy: {} },
          5,
        ),
      ),
    ).toBe('OVERLAPPING_PLACEMENT');
    expect(
      ruleOf(() =>
        requireLongerPeriodFree(
          'p-1',
          period,
          { youthPlacements: {}, occupancy: { 'p-2': HELD } },
          1,
        ),
      ),
    ).toBe('OPPORTUNITY_FULL');
  });
});

describe('placements domain: the task a lifecycle waits on', () => {
  const running = aPlacement({
    id: 'p-life',
    lifecycle: {
      executionId: 'placement-p-life',
      status: 'RUNNING',
      step: 'CHECK_IN',
      round: 1,
      nextDueDate: '2026-10-15',
      consultantStaffId: 'staff-265-1',
      startedAt: '2026-10-01T08:00:00.000Z',
      endedAt: null,
      endReason: null,
    },
  });
  const codes = { notDue: 'CHECKPOINT_NOT_DUE', alreadyDone: 'CHECKPOINT_ALREADY_DONE' } as const;

  it('answers the open task of the step the lifecycle is at', () => {
    // Prepare
    const task = aLifecycleTask();
    // Act / Assess
    expect(requireDueTask(running, 'CHECK_IN', task, codes)).toBe(task);
  });

  it.each([
    ['no lifecycle', aPlacement({ lifecycle: null }), aLifecycleTask(), 'NO_LIFECYCLE'],
    [
      'an ended lifecycle',
      { ...running, lifecycle: { ...running.lifecycle, status: 'ENDED' as const } },
      aLifecycleTask(),
      'LIFECYCLE_ENDED',
    ],
    ['a task done already', running, aLifecycleTask({ status: 'DONE' }), 'CHECKPOINT_ALREADY_DONE'],
    ['a task not opened yet', running, undefined, 'CHECKPOINT_NOT_DUE'],
  ])('refuses a step with %s', (_what, placement, task, code) => {
    // Act / Assess
    expect(ruleOf(() => requireDueTask(placement as typeof running, 'CHECK_IN', task, codes))).toBe(
      code,
    );
  });
});

describe('placements access: who may make which change', () => {
  it("gives each caller their audience for a record's parties, none for anyone else", () => {
    // Prepare
    const parties = { youthId: 'y-1', companyId: 'c-1', municipalityCode: '265' };
    // Act / Assess
    expect(audienceOf(youthIdentity('265', 'y-1'), parties)).toBe('SELF');
    expect(audienceOf(youthIdentity('265', 'y-2'), parties)).toBeNull();
    expect(audienceOf(companyContactIdentity('c-1'), parties)).toBe('COMPANY');
    expect(audienceOf(companyContactIdentity('c-2'), parties)).toBeNull();
    expect(audienceOf(staffIdentity('265'), parties)).toBe('TEAM');
    expect(audienceOf(staffIdentity('101'), parties)).toBeNull();
    expect(audienceOf(programmeIdentity(), parties)).toBeNull();
  });

  it('gives a record that names no parties (it does not exist) the audience of the role', () => {
    // Act / Assess
    expect(audienceOf(youthIdentity('265', 'y-1'), {})).toBe('SELF');
    expect(audienceOf(staffIdentity('101'), {})).toBe('TEAM');
    expect(audienceOf(programmeIdentity(), {})).toBeNull();
  });
});
