import { beforeAll, describe, expect, it } from 'vitest';
import { AUDIT_KEYS } from '#kernel/audit';
import { createItemLoader } from '#kernel/entity-loader';
import type { Identity } from '#kernel/identity';
import { newId } from '#kernel/keys';
import { sharedKeys } from '#kernel/shared-keys';
import type { Table } from '#kernel/table/table';
import {
  loadOccupancy,
  loadPlacement,
  loadYouthGuard,
} from '#placements/repository/placement-repository';
import { server } from '#placements/server';
import { testContext } from '../support/context.ts';
import { errorCodes, execute } from '../support/execute.ts';
import {
  companyContactIdentity,
  programmeIdentity,
  staffIdentity,
  youthIdentity,
} from '../support/identities.ts';
import {
  aHost,
  aPlacement,
  changedItems,
  givenHosts,
  givenPlacements,
  givenYoungPeople,
} from '../support/placements-factories.ts';
import { createTestTable } from '../support/table.ts';

const PLACEMENT_FIELDS = `placement {
  id status startDate endDate outcome { kind date details { what } }
  learningReflection { whatHappened } checkpoints { id completedOn notes }
} errors { code path }`;

type Result = Record<
  string,
  { placement: Record<string, unknown> | null; errors: Array<{ code: string }> }
>;

function mutation(name: string, type: string) {
  return `mutation ($input: ${type}!) { ${name}(input: $input) { ${PLACEMENT_FIELDS} } }`;
}

describe('placements subgraph: the course of a placement', () => {
  let table: Table;
  const today = new Date('2026-11-26T10:00:00Z');
  const run = (
    name: string,
    type: string,
    input: Record<string, unknown>,
    identity = staffIdentity('265'),
  ) =>
    execute<Result>(server, testContext(table, identity, today), mutation(name, type), { input });
  /** A placement as the client names it in a change: its id and the version it read. */
  const current = async (placementId: string) => ({
    placementId,
    expectedVersion: (await loadPlacement(createItemLoader(table), placementId))?.version ?? 1,
  });

  beforeAll(async () => {
    table = await createTestTable();
    await givenYoungPeople(table, '265', ['y-plan', 'y-next', 'y-stale']);
    await givenYoungPeople(table, '265', ['y-run', 'y-ext', 'y-int', 'y-job'], 'IN_PLACEMENT');
    await givenHosts(table, aHost('c-1', '265', { places: 5 }), aHost('c-one', '265'));
    await givenPlacements(table, [
      aPlacement({
        id: 'p-plan',
        youthId: 'y-plan',
        status: 'PLANNED',
        startDate: '2026-11-20',
        endDate: '2027-02-20',
      }),
      aPlacement({
        id: 'p-later',
        youthId: 'y-next',
        status: 'PLANNED',
        startDate: '2026-12-10',
        endDate: '2027-03-10',
      }),
      aPlacement({
        id: 'p-run',
        youthId: 'y-run',
        status: 'ACTIVE',
        startDate: '2026-09-01',
        endDate: '2026-12-01',
      }),
      aPlacement({
        id: 'p-ext',
        youthId: 'y-ext',
        companyId: 'c-one',
        status: 'ACTIVE',
        startDate: '2026-09-01',
        endDate: '2026-12-01',
      }),
      aPlacement({
        id: 'p-next-one',
        youthId: 'y-next',
        companyId: 'c-one',
        status: 'PLANNED',
        startDate: '2027-01-05',
        endDate: '2027-04-05',
      }),
      aPlacement({
        id: 'p-int',
        youthId: 'y-int',
        status: 'ACTIVE',
        startDate: '2026-10-01',
        endDate: '2027-01-01',
      }),
      aPlacement({
        id: 'p-job',
        youthId: 'y-job',
        status: 'ACTIVE',
        startDate: '2026-08-20',
        endDate: '2026-11-20',
      }),
      aPlacement({
        id: 'p-stale',
        youthId: 'y-stale',
        status: 'PLANNED',
        startDate: '2026-11-20',
        endDate: '2027-02-20',
      }),
    ]);
  });

  it('starts a planned placement on or after its start date, the young person in placement', async () => {
    // Act
    const result = await run('startPlacement', 'StartPlacementInput', await current('p-plan'));
    // Assess
    expect(result.errors).toBeUndefined();
    expect(result.data?.startPlacement?.placement).toMatchObject({ status: 'ACTIVE' });
    expect((await table.get(sharedKeys.youth('y-plan')))?.status).toBe('IN_PLACEMENT');
    expect(
      (await loadYouthGuard(createItemLoader(table), 'y-plan')).placements['p-plan']?.status,
    ).toBe('ACTIVE');
  });

  it.each([
    ['before its start date', 'p-later', 'PLACEMENT_NOT_STARTING_YET'],
    ['that is already under way', 'p-run', 'PLACEMENT_NOT_PLANNED'],
    ['that does not exist', 'p-none', 'PLACEMENT_NOT_FOUND'],
  ])('refuses to start a placement %s', async (_what, placementId, code) => {
    // Act
    const result = await run('startPlacement', 'StartPlacementInput', await current(placementId));
    // Assess
    expect(result.data?.startPlacement).toMatchObject({ placement: null, errors: [{ code }] });
  });

  it('marks a checkpoint as held with the notes', async () => {
    // Act
    const result = await run('completeCheckpoint', 'CompleteCheckpointInput', {
      ...(await current('p-run')),
      checkpointId: 'cp-1',
      completedOn: '2026-10-08',
      notes: 'God start, møder stabilt',
    });
    // Assess
    expect(result.errors).toBeUndefined();
    expect(result.data?.completeCheckpoint?.placement?.checkpoints).toEqual([
      { id: 'cp-1', completedOn: '2026-10-08', notes: 'God start, møder stabilt' },
      { id: 'cp-2', completedOn: null, notes: null },
      { id: 'cp-3', completedOn: null, notes: null },
    ]);
  });

  it.each([
    [
      'that does not exist',
      { checkpointId: 'cp-9', completedOn: '2026-10-08' },
      'CHECKPOINT_NOT_FOUND',
    ],
    ['in the future', { checkpointId: 'cp-1', completedOn: '2026-12-24' }, 'DATE_IN_FUTURE'],
  ])('refuses a checkpoint %s', async (_what, input, code) => {
    // Act
    const result = await run('completeCheckpoint', 'CompleteCheckpointInput', {
      ...(await current('p-run')),
      ...input,
    });
    // Assess
    expect(result.data?.completeCheckpoint).toMatchObject({ placement: null, errors: [{ code }] });
  });

  it('refuses an extension beyond 13 weeks without an individual assessment', async () => {
    // Act
    const result = await run('extendPlacement', 'ExtendPlacementInput', {
      ...(await current('p-run')),
      newEndDate: '2027-02-01',
      date: '2026-11-25',
    });
    // Assess
    expect(result.data?.extendPlacement).toMatchObject({
      placement: null,
      errors: [{ code: 'EXTENSION_LIMIT_EXCEEDED', path: ['newEndDate'] }],
    });
  });

  it('extends a placement under way: outcome EXTENDED, guards moved with it', async () => {
    // Act
    const result = await run('extendPlacement', 'ExtendPlacementInput', {
      ...(await current('p-run')),
      newEndDate: '2027-02-01',
      date: '2026-11-25',
      individualAssessment: true,
    });
    // Assess
    expect(result.errors).toBeUndefined();
    expect(result.data?.extendPlacement?.placement).toMatchObject({
      status: 'EXTENDED',
      endDate: '2027-02-01',
      outcome: { kind: 'EXTENDED', date: '2026-11-25' },
    });
    expect(
      (await loadOccupancy(createItemLoader(table), 'c-1-opp')).placements['p-run']?.endDate,
    ).toBe('2027-02-01');
  });

  it('refuses an extension into a period when the only place is promised to someone else', async () => {
    // Act
    const result = await run('extendPlacement', 'ExtendPlacementInput', {
      ...(await current('p-ext')),
      newEndDate: '2027-02-01',
      date: '2026-11-25',
      individualAssessment: true,
    });
    // Assess
    expect(result.data?.extendPlacement).toMatchObject({
      placement: null,
      errors: [{ code: 'OPPORTUNITY_FULL' }],
    });
  });

  it('refuses an extension to an earlier end', async () => {
    // Act
    const result = await run('extendPlacement', 'ExtendPlacementInput', {
      ...(await current('p-ext')),
      newEndDate: '2026-11-30',
      date: '2026-11-25',
    });
    // Assess
    expect(result.data?.extendPlacement).toMatchObject({ errors: [{ code: 'END_NOT_LATER' }] });
  });

  it('interrupts a placement with its learning reflection; the young person pauses', async () => {
    // Act
    const result = await run('interruptPlacement', 'InterruptPlacementInput', {
      ...(await current('p-int')),
      outcome: { kind: 'PAUSE', date: '2026-11-20' },
      reflection: {
        whatHappened: 'Mødetiderne passede ikke',
        whatWasLearned: 'At sige til i tide',
        whatNext: 'Ny praktik med senere mødetid',
      },
    });
    // Assess
    expect(result.errors).toBeUndefined();
    expect(result.data?.interruptPlacement?.placement).toMatchObject({
      status: 'INTERRUPTED',
      endDate: '2026-11-20',
      outcome: { kind: 'PAUSE' },
      learningReflection: { whatHappened: 'Mødetiderne passede ikke' },
    });
    expect((await table.get(sharedKeys.youth('y-int')))?.status).toBe('PAUSED');
    expect((await loadYouthGuard(createItemLoader(table), 'y-int')).placements).toEqual({});
  });

  it('refuses to interrupt a placement that has ended', async () => {
    // Act
    const result = await run('interruptPlacement', 'InterruptPlacementInput', {
      ...(await current('p-int')),
      outcome: { kind: 'PAUSE', date: '2026-11-21' },
      reflection: { whatHappened: 'x', whatWasLearned: 'y', whatNext: 'z' },
    });
    // Assess
    expect(result.data?.interruptPlacement).toMatchObject({
      errors: [{ code: 'PLACEMENT_ENDED' }],
    });
  });

  it('completes a placement with a job: the young person is in a job', async () => {
    // Act
    const result = await run('completePlacement', 'CompletePlacementInput', {
      ...(await current('p-job')),
      outcome: {
        kind: 'JOB',
        date: '2026-11-20',
        details: { what: 'Lagermedarbejder', where: 'Firma', startDate: '2026-12-01' },
      },
    });
    // Assess
    expect(result.errors).toBeUndefined();
    expect(result.data?.completePlacement?.placement).toMatchObject({
      status: 'COMPLETED',
      outcome: { kind: 'JOB' },
    });
    expect((await table.get(sharedKeys.youth('y-job')))?.status).toBe('IN_JOB');
  });

  it.each([
    ['an extension', { kind: 'EXTENDED', date: '2026-11-20' }, 'USE_EXTEND_PLACEMENT'],
    ['a date in the future', { kind: 'PAUSE', date: '2026-12-20' }, 'DATE_IN_FUTURE'],
  ])('refuses to complete with %s', async (_what, outcome, code) => {
    // Act
    const result = await run('completePlacement', 'CompletePlacementInput', {
      ...(await current('p-ext')),
      outcome,
    });
    // Assess
    expect(result.data?.completePlacement).toMatchObject({ placement: null, errors: [{ code }] });
  });

  it('rejects education without what, where and when as malformed input', async () => {
    // Act
    const result = await run('completePlacement', 'CompletePlacementInput', {
      ...(await current('p-ext')),
      outcome: { kind: 'EDUCATION', date: '2026-11-20' },
    });
    // Assess
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
  });

  /**
   * Every step of the course, each on a placement it could take (`p-later` starts, `p-ext` runs),
   * or, where `instead` is given, on that id in the placement's place.
   */
  const everyStep = async (identity: Identity, instead?: string) => {
    const at = async (placementId: string) => ({
      ...(await current(placementId)),
      ...(instead === undefined ? {} : { placementId: instead }),
    });
    return Promise.all([
      run('startPlacement', 'StartPlacementInput', await at('p-later'), identity),
      run(
        'extendPlacement',
        'ExtendPlacementInput',
        { ...(await at('p-ext')), newEndDate: '2027-01-01', date: '2026-11-25' },
        identity,
      ),
      run(
        'completePlacement',
        'CompletePlacementInput',
        { ...(await at('p-ext')), outcome: { kind: 'PAUSE', date: '2026-11-25' } },
        identity,
      ),
      run(
        'completeCheckpoint',
        'CompleteCheckpointInput',
        { ...(await at('p-ext')), checkpointId: 'cp-1', completedOn: '2026-11-25' },
        identity,
      ),
      run(
        'interruptPlacement',
        'InterruptPlacementInput',
        {
          ...(await at('p-ext')),
          outcome: { kind: 'PAUSE', date: '2026-11-25' },
          reflection: { whatHappened: 'x', whatWasLearned: 'y', whatNext: 'z' },
        },
        identity,
      ),
    ]);
  };

  it('answers the team of another municipality every step of the course as for an unknown placement, writing nothing', async () => {
    // Prepare
    const identity = staffIdentity('101');
    const nobody = newId();
    const items = await changedItems(table);
    // Act
    const results = await everyStep(identity);
    const unknown = await everyStep(identity, nobody);
    // Assess: the team runs its own municipality's placements, so the rule lets it through for
    // an id of nothing; to another municipality's placement it is a stranger and hears what an
    // unknown placement gets, the payload's not-found error (#18, class 7).
    expect(results.map(errorCodes)).toEqual(Array(5).fill([]));
    for (const [index, result] of results.entries()) {
      expect(Object.values(result.data ?? {})).toMatchObject([{ placement: null, errors: [{}] }]);
      const sent = index === 0 ? 'p-later' : 'p-ext';
      expect(JSON.stringify(result).replaceAll(sent, 'ID')).toBe(
        JSON.stringify(unknown[index]).replaceAll(nobody, 'ID'),
      );
    }
    expect(await changedItems(table)).toEqual(items);
  });

  it.each([
    // Refused whatever the id: only the team runs the course of a placement.
    ['the young person', youthIdentity('265', 'y-ext')],
    ['the host company contact', companyContactIdentity('c-one')],
    ['the programme office', programmeIdentity()],
  ])('refuses %s every step of the course', async (_who, identity) => {
    // Act
    const results = await everyStep(identity);
    // Assess
    expect(results.map(errorCodes)).toEqual(Array(5).fill(['FORBIDDEN']));
  });
  describe('on a stale version', () => {
    it.each([
      ['startPlacement', 'StartPlacementInput', {}],
      [
        'completeCheckpoint',
        'CompleteCheckpointInput',
        { checkpointId: 'cp-1', completedOn: '2026-11-25' },
      ],
      ['extendPlacement', 'ExtendPlacementInput', { newEndDate: '2027-03-01', date: '2026-11-25' }],
      [
        'completePlacement',
        'CompletePlacementInput',
        { outcome: { kind: 'PAUSE', date: '2026-11-25' } },
      ],
      [
        'interruptPlacement',
        'InterruptPlacementInput',
        {
          outcome: { kind: 'PAUSE', date: '2026-11-25' },
          reflection: { whatHappened: 'x', whatWasLearned: 'y', whatNext: 'z' },
        },
      ],
    ])(
      'refuses %s with CONFLICT naming the current version, writing nothing',
      async (name, type, input) => {
        // Prepare
        const items = await changedItems(table);
        // Act
        const result = await run(name, type, {
          placementId: 'p-stale',
          expectedVersion: 7,
          ...input,
        });
        // Assess
        expect(result.errors?.[0]?.extensions).toMatchObject({
          code: 'CONFLICT',
          currentVersion: 1,
        });
        expect(await changedItems(table)).toEqual(items);
      },
    );
  });

  it("records every step of the course in the young person's audit trail", async () => {
    // Act
    const trail = async (youthId: string) =>
      (await table.queryAll({ partition: AUDIT_KEYS.youthPartition(youthId) }))
        .filter((item) => item.action === 'CHANGE')
        .map((item) => item.target);
    // Assess
    expect(await trail('y-plan')).toEqual(['Mutation.startPlacement']);
    expect((await trail('y-run')).sort()).toEqual([
      'Mutation.completeCheckpoint',
      'Mutation.extendPlacement',
    ]);
    expect(await trail('y-int')).toEqual(['Mutation.interruptPlacement']);
    expect(await trail('y-job')).toEqual(['Mutation.completePlacement']);
  });
});
