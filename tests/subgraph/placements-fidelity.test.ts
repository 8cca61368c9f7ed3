import { beforeAll, describe, expect, it } from 'vitest';
import type { Identity } from '#kernel/identity';
import type { Table } from '#kernel/table/table';
import { recountPlacementFigures } from '#placements/maintenance/recount';
import { server } from '#placements/server';
import { testContext } from '../support/context.ts';
import { errorCodes, execute } from '../support/execute.ts';
import {
  companyContactIdentity,
  programmeIdentity,
  staffIdentity,
  youthIdentity,
} from '../support/identities.ts';
import { givenMunicipalities } from '../support/people-factories.ts';
import {
  aHost,
  aPlacement,
  createPlacementInput,
  entitiesQuery,
  givenHosts,
  givenPlacements,
  givenYoungPeople,
} from '../support/placements-factories.ts';
import { createTestTable } from '../support/table.ts';

const FIDELITY = entitiesQuery(
  'Municipality',
  `fidelity(from: $from, to: $to) {
    period { from to } suppressed placementsStarted placementsChosenByYouth chosenByYouthShare
  }`,
).replace(
  'query ($representations: [_Any!]!)',
  'query ($representations: [_Any!]!, $from: Date, $to: Date)',
);
const CREATE_WISH = `mutation ($input: CreateWishInput!) { createWish(input: $input) {
  wish { id } errors { code }
} }`;
const CREATE_PLACEMENT = `mutation ($input: CreatePlacementInput!) { createPlacement(input: $input) {
  placement { id origin { kind } } errors { code }
} }`;
const ROSKILDE = { representations: [{ __typename: 'Municipality', code: '265' }] };
const NOVEMBER = { ...ROSKILDE, from: '2026-11-01', to: '2026-11-30' };

describe('placements subgraph: fidelity figures (placements chosen by the young person)', () => {
  let table: Table;
  const run = (identity: Identity | null, query: string, variables?: Record<string, unknown>) =>
    // biome-ignore lint/suspicious/noExplicitAny: results are walked by the shape each query asks for
    execute<Record<string, any>>(server, testContext(table, identity), query, variables);
  const teamLeader = staffIdentity('265', 'TEAM_LEADER', 'staff-265-lead');

  beforeAll(async () => {
    // Prepare: in November in Roskilde, four placements arranged by the team and one chosen
    // through an answered invitation (stored), then one from a wish (through the write path).
    table = await createTestTable();
    await givenMunicipalities(table);
    const ids = ['y-1', 'y-2', 'y-3', 'y-4', 'y-5', 'y-wish'];
    await givenYoungPeople(table, '265', ids, 'ENROLLED');
    await givenHosts(table, ...ids.map((id) => aHost(`c-${id}`, '265')));
    await givenPlacements(table, [
      ...['y-1', 'y-2', 'y-3', 'y-4'].map((youthId) =>
        aPlacement({ youthId, companyId: `c-${youthId}`, startDate: '2026-11-02' }),
      ),
      aPlacement({
        youthId: 'y-5',
        companyId: 'c-y-5',
        startDate: '2026-11-03',
        origin: { kind: 'INVITATION', wishId: null, invitationId: 'i-stored' },
      }),
    ]);
    const wish = await run(youthIdentity('265', 'y-wish'), CREATE_WISH, {
      input: { companyId: 'c-y-wish', opportunityId: 'c-y-wish-opp', rank: 1, motivation: 'Dyr' },
    });
    const wishId = wish.data?.createWish.wish.id;
    const placed = await run(staffIdentity('265'), CREATE_PLACEMENT, {
      input: createPlacementInput('y-wish', 'c-y-wish', { wishId, startDate: '2026-11-26' }),
    });
    expect(placed.data?.createPlacement).toMatchObject({
      placement: { origin: { kind: 'WISH' } },
      errors: [],
    });
  });

  it('shows the team leader the started placements and the share the young people chose, exactly', async () => {
    // Act
    const result = await run(teamLeader, FIDELITY, NOVEMBER);
    // Assess
    expect(result.errors).toBeUndefined();
    expect(result.data?._entities[0].fidelity).toEqual({
      period: { from: '2026-11-01', to: '2026-11-30' },
      suppressed: false,
      placementsStarted: 6,
      placementsChosenByYouth: 2,
      chosenByYouthShare: 2 / 6,
    });
  });

  it('counts nothing in a period before the placements started', async () => {
    // Act
    const result = await run(teamLeader, FIDELITY, {
      ...ROSKILDE,
      from: '2026-10-01',
      to: '2026-10-31',
    });
    // Assess
    expect(result.data?._entities[0].fidelity).toMatchObject({
      placementsStarted: 0,
      placementsChosenByYouth: 0,
      chosenByYouthShare: null,
    });
  });

  it('shows the programme office the counts as published: a small count and its share hidden', async () => {
    // Act
    const result = await run(programmeIdentity(), FIDELITY, NOVEMBER);
    // Assess: 2 chosen is a small cell (1–4), never shown to the programme office
    expect(result.errors).toBeUndefined();
    const shown = result.data?._entities[0].fidelity;
    expect(shown.suppressed).toBe(true);
    expect(shown.placementsChosenByYouth).not.toBe(2);
    expect(shown.chosenByYouthShare).not.toBe(2 / 6);
    if (shown.placementsChosenByYouth === null) expect(shown.chosenByYouthShare).toBeNull();
  });

  it('keeps figures the recount finds as kept (the chosen placements are recounted too)', async () => {
    // Act
    const report = await recountPlacementFigures(table);
    // Assess: the started and chosen counters as kept are what the placements add up to (the
    // factories write no first-placement figures, which the recount would bring forward).
    const started = report.differences.filter((difference) =>
      /#STARTED(_CHOSEN)?$/.test(difference.counter),
    );
    expect(started).toEqual([]);
    expect(report.itemsCompared).toBeGreaterThan(0);
  });

  it.each([
    ['a network consultant of the municipality', staffIdentity('265')],
    ['a team leader of another municipality', staffIdentity('101', 'TEAM_LEADER')],
    ['a young person of the municipality', youthIdentity('265', 'y-1')],
    ['a company contact', companyContactIdentity('c-y-1')],
  ])('refuses %s', async (_who, identity) => {
    // Act
    const result = await run(identity, FIDELITY, NOVEMBER);
    // Assess
    expect(errorCodes(result)).toContain('FORBIDDEN');
    expect(result.data?._entities[0]?.fidelity ?? null).toBeNull();
  });

  it('refuses a period that ends before it starts with BAD_USER_INPUT', async () => {
    // Act
    const result = await run(teamLeader, FIDELITY, {
      ...ROSKILDE,
      from: '2026-11-30',
      to: '2026-11-01',
    });
    // Assess
    expect(errorCodes(result)).toContain('BAD_USER_INPUT');
  });
});
