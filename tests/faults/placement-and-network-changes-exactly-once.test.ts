import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDemoWorld } from '#infra/local/seed/demo-world';
import { readAllSessionsOfGroup } from '#learning-community/repository/network-session-repository';
import { readPlacementsOfYouth } from '#placements/repository/placement-repository';
import { type FaultyStack, startFaultyStack } from '../support/faulty-stack.ts';
import { placementInputs } from './support/demo-inputs.ts';
import { faultsOffAndSettled } from './support/proxy-settled.ts';
import { type RetryingClient, retryingClient } from './support/retrying-client.ts';
import { changeRecords, daysBetween, recountDifferences, tally } from './support/stored-changes.ts';
import {
  aQuarterOfWritesFailing,
  CODES_OF_FAILED_WRITES,
  kindsNotMet,
} from './support/write-faults.ts';

const ROSKILDE = '265';
const CHANGES = 15;
/** Strikes every failing kind at least once in this file's writes (the last test checks it). */
const SEED = 1;
/** A day after every placement of the demo world, so that none overlaps and no lifecycle starts. */
const FUTURE_START = '2027-03-01';
const world = buildDemoWorld();

/**
 * Placements and network sessions through the gateway while a quarter of DynamoDB's writes fail
 * (issue 16, §1, §2, §3 and §5): a client retries each change with its idempotency key until it
 * is answered; every change acknowledged is stored exactly once, with its `CHANGE` record, the
 * figures still add up, and a retried placement is never refused as overlapping itself.
 *
 * The stack's DynamoDB clients make two attempts a call: the SDK's second attempt of a
 * transaction whose answer was lost carries the first one's client request token, so DynamoDB
 * takes it for the same transaction rather than failing it on the guards the first one wrote;
 * a write failing on both attempts reaches the write path and the client.
 */
describe('placements and network sessions while a quarter of writes fail', () => {
  const run = randomUUID().slice(0, 8);
  let faulty: FaultyStack;
  let client: RetryingClient;

  beforeAll(async () => {
    faulty = await startFaultyStack({
      rules: aQuarterOfWritesFailing(),
      seed: SEED,
      dynamoClient: { maxAttempts: 2 },
    });
    client = retryingClient({ url: faulty.stack.gatewayUrl });
    // The seeding's writes, made with the faults off, are no part of what the faults met.
    faulty.proxy.resetCounts();
  });

  afterAll(async () => {
    await faulty?.stop();
  });

  it('stores every acknowledged placement exactly once, with its CHANGE record, and the figures still add up', async () => {
    // Prepare
    const token = await faulty.token('NETWORK_CONSULTANT', { municipalityCode: ROSKILDE });
    const inputs = placementInputs(ROSKILDE, CHANGES, FUTURE_START);
    faulty.proxy.enable();
    // Act
    const answers = [];
    for (const input of inputs) {
      answers.push(
        await client.mutate({
          mutation: 'createPlacement',
          inputType: 'CreatePlacementInput',
          selection: 'placement { id status version youth { id name } }',
          input,
          token,
        }),
      );
    }
    await faultsOffAndSettled(faulty.proxy);
    // Assess
    const acknowledged = client.acknowledged<{ placement: { id: string } }>('createPlacement');
    const stored = (
      await Promise.all(inputs.map(({ youthId }) => readPlacementsOfYouth(faulty.stored, youthId)))
    )
      .flat()
      .filter((placement) => placement.startDate === FUTURE_START);
    const audited = await Promise.all(
      inputs.map(({ youthId }) => changeRecords(faulty.stored, { youthId }, 'createPlacement')),
    );
    // Nothing refused: not a retry as overlapping the placement its first attempt stored.
    expect(
      answers.flatMap((answer) => answer.body.data?.createPlacement?.errors ?? answer.body.errors),
    ).toEqual([]);
    expect(acknowledged).toHaveLength(CHANGES);
    expect(tally(stored.map((placement) => placement.youthId))).toEqual(
      tally(inputs.map((input) => input.youthId)),
    );
    expect(stored.map((placement) => placement.id).sort()).toEqual(
      acknowledged.map((a) => a.payload.placement.id).sort(),
    );
    expect(stored.every((placement) => placement.status === 'PLANNED')).toBe(true);
    expect(audited.map((records) => records.length)).toEqual(inputs.map(() => 1));
    const misses = acknowledged.flatMap((a) => a.misses);
    expect(misses.filter((miss) => !CODES_OF_FAILED_WRITES.includes(miss))).toEqual([]);
    expect(await recountDifferences(faulty.stored)).toEqual([]);
  });

  it('stores every acknowledged network session exactly once, with its CHANGE record, and the figures still add up', async () => {
    // Prepare
    const group = world.networkGroups.find((g) => g.municipalityCode === ROSKILDE);
    if (!group) throw new Error('The demo world has no Roskilde network group');
    const token = await faulty.token('NETWORK_CONSULTANT', { staffId: group.facilitatorId });
    const themes = Array.from({ length: CHANGES }, (_, n) => `Fejlprøve ${run} ${n + 1}`);
    const started = new Date();
    faulty.proxy.enable();
    // Act
    for (const [n, theme] of themes.entries()) {
      await client.mutate({
        mutation: 'scheduleNetworkSession',
        inputType: 'ScheduleNetworkSessionInput',
        selection: 'session { id theme version }',
        input: { groupId: group.id, date: `2027-01-${String(n + 10).padStart(2, '0')}`, theme },
        token,
      });
    }
    await faultsOffAndSettled(faulty.proxy);
    // Assess
    const acknowledged = client.acknowledged<{ session: { id: string } }>('scheduleNetworkSession');
    const stored = (await readAllSessionsOfGroup(faulty.stored, group.id)).filter((session) =>
      session.theme.includes(run),
    );
    // A session concerns no young person: its record is in the trail of the day it ran.
    const audited = await changeRecords(
      faulty.stored,
      { days: daysBetween(started, new Date()) },
      'scheduleNetworkSession',
    );
    expect(acknowledged).toHaveLength(CHANGES);
    expect(tally(stored.map((session) => session.theme))).toEqual(tally(themes));
    expect(stored.map((session) => session.id).sort()).toEqual(
      acknowledged.map((a) => a.payload.session.id).sort(),
    );
    expect(audited).toHaveLength(stored.length);
    const misses = acknowledged.flatMap((a) => a.misses);
    expect(misses.filter((miss) => !CODES_OF_FAILED_WRITES.includes(miss))).toEqual([]);
    expect(await recountDifferences(faulty.stored)).toEqual([]);
  });

  it('met every kind of failing write, and the client met failures it had to retry', () => {
    // Act
    const counts = faulty.proxy.counts();
    const misses = client.acknowledged().flatMap((a) => a.misses);
    // Assess
    expect(kindsNotMet(counts)).toEqual([]);
    expect(misses.length).toBeGreaterThan(0);
  });
});
