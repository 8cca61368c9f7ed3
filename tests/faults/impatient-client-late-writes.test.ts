import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { municipalityYouthPartition, YouthEntity } from '#people/repository/youth-entity';
import { readPlacementsOfYouth } from '#placements/repository/placement-repository';
import type { FaultRule } from '../support/fault-proxy.ts';
import { type FaultyStack, startFaultyStack } from '../support/faulty-stack.ts';
import { enrolmentInput, placementInputs } from './support/demo-inputs.ts';
import { faultsOffAndSettled } from './support/proxy-settled.ts';
import { type RetryingClient, retryingClient } from './support/retrying-client.ts';
import { changeRecords, recountDifferences, tally } from './support/stored-changes.ts';
import { CODES_OF_FAILED_WRITES } from './support/write-faults.ts';

const ROSKILDE = '265';
const CHANGES = 8;
const SEED = 1;
/** A day after every placement of the demo world, so that none overlaps and no lifecycle starts. */
const FUTURE_START = '2027-04-05';
/** The first day of the placements sent three times at once. */
const TAPPED_START = '2027-06-07';
/** The client stops waiting after a second: before the write path has given up on a late write. */
const PATIENCE_MS = 1_000;
/** What the client meets besides the failures of writes: its own impatience. */
const MET = [...CODES_OF_FAILED_WRITES, 'gave up waiting'];

/**
 * Half of DynamoDB's transactions arrive two seconds late, after the SDK's attempt has timed out
 * (1.5 s, as in AWS): a write given up on still lands, after its own retry or the client's.
 */
const HALF_THE_TRANSACTIONS_LATE: FaultRule[] = [
  { kind: 'latency', rate: 0.5, latencyMs: 2_000, operations: ['TransactWriteItems'] },
];

/**
 * A client that stops waiting after a second and sends the change again with its key, while
 * DynamoDB takes half the transactions late (issue 16, §1 and §3): its retry runs while the first
 * request is still in flight, and each SDK attempt given up on may still land after another. Every
 * change acknowledged is stored exactly once, with its `CHANGE` record, and the figures still add
 * up. The DynamoDB clients wait and retry as in AWS (three attempts of at most 1.5 s).
 */
describe('an impatient client while DynamoDB takes writes late', () => {
  const run = randomUUID().slice(0, 8);
  let faulty: FaultyStack;
  let client: RetryingClient;
  let token: string;

  beforeAll(async () => {
    faulty = await startFaultyStack({
      rules: HALF_THE_TRANSACTIONS_LATE,
      seed: SEED,
      dynamoClient: { maxAttempts: 3, requestTimeoutMs: 1_500 },
    });
    client = retryingClient({ url: faulty.stack.gatewayUrl, patienceMs: PATIENCE_MS });
    token = await faulty.token('NETWORK_CONSULTANT', { municipalityCode: ROSKILDE });
    faulty.proxy.resetCounts();
  });

  afterAll(async () => {
    await faulty?.stop();
  });

  it('stores every acknowledged enrolment exactly once, with its CHANGE record', async () => {
    // Prepare
    const names = Array.from({ length: CHANGES }, (_, n) => `Utålmodig ${run} ${n + 1}`);
    faulty.proxy.enable();
    // Act
    for (const name of names) {
      await client.mutate({
        mutation: 'enrolYouth',
        inputType: 'EnrolYouthInput',
        selection: 'youth { id name version }',
        input: enrolmentInput(ROSKILDE, name),
        token,
      });
    }
    const faults = await faultsOffAndSettled(faulty.proxy);
    // Assess
    const acknowledged = client.acknowledged<{ youth: { id: string } }>('enrolYouth');
    const stored = (
      await YouthEntity.readAll(faulty.stored, {
        index: 'gsi1',
        partition: municipalityYouthPartition(ROSKILDE),
      })
    ).filter((youth) => names.includes(youth.name));
    const audited = await Promise.all(
      stored.map((youth) => changeRecords(faulty.stored, { youthId: youth.id }, 'enrolYouth')),
    );
    const misses = acknowledged.flatMap((a) => a.misses);
    expect(acknowledged).toHaveLength(CHANGES);
    expect(tally(stored.map((youth) => youth.name))).toEqual(tally(names));
    expect(stored.map((youth) => youth.id).sort()).toEqual(
      acknowledged.map((a) => a.payload.youth.id).sort(),
    );
    expect(audited.map((records) => records.length)).toEqual(stored.map(() => 1));
    expect(misses).toContain('gave up waiting');
    expect(misses.filter((miss) => !MET.includes(miss))).toEqual([]);
    expect(faults.latency).toBeGreaterThan(0);
  });

  it('stores every acknowledged placement exactly once, refuses none as overlapping itself, and the figures still add up', async () => {
    // Prepare
    const inputs = placementInputs(ROSKILDE, CHANGES, FUTURE_START);
    faulty.proxy.enable();
    // Act
    const answers = [];
    for (const input of inputs) {
      answers.push(
        await client.mutate({
          mutation: 'createPlacement',
          inputType: 'CreatePlacementInput',
          selection: 'placement { id status version }',
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
    const misses = acknowledged.flatMap((a) => a.misses);
    expect(
      answers.flatMap((answer) => answer.body.data?.createPlacement?.errors ?? answer.body.errors),
    ).toEqual([]);
    expect(tally(stored.map((placement) => placement.youthId))).toEqual(
      tally(inputs.map((input) => input.youthId)),
    );
    expect(stored.map((placement) => placement.id).sort()).toEqual(
      acknowledged.map((a) => a.payload.placement.id).sort(),
    );
    expect(audited.map((records) => records.length)).toEqual(inputs.map(() => 1));
    expect(misses).toContain('gave up waiting');
    expect(misses.filter((miss) => !MET.includes(miss))).toEqual([]);
    expect(await recountDifferences(faulty.stored)).toEqual([]);
  });
  it('answers a placement sent three times at once with one key three times alike, and stores it once', async () => {
    // Prepare: young people the placements above did not take
    const inputs = placementInputs(ROSKILDE, CHANGES + 5, TAPPED_START).slice(CHANGES);
    faulty.proxy.enable();
    // Act: each one tapped three times, as a button pressed again while its request runs
    const answers = [];
    for (const input of inputs) {
      const idempotencyKey = randomUUID();
      answers.push(
        await Promise.all(
          [1, 2, 3].map(() =>
            client.mutate<{ placement: { id: string } }>({
              mutation: 'createPlacement',
              inputType: 'CreatePlacementInput',
              selection: 'placement { id status version }',
              input,
              token,
              idempotencyKey,
            }),
          ),
        ),
      );
    }
    await faultsOffAndSettled(faulty.proxy);
    // Assess
    const stored = (
      await Promise.all(inputs.map(({ youthId }) => readPlacementsOfYouth(faulty.stored, youthId)))
    )
      .flat()
      .filter((placement) => placement.startDate === TAPPED_START);
    const ids = answers.map((taps) => taps.map((tap) => tap.payload?.placement.id));
    expect(
      answers.flat().flatMap((tap) => tap.body.data?.createPlacement?.errors ?? tap.body.errors),
    ).toEqual([]);
    expect(ids.map((taps) => new Set(taps).size)).toEqual(inputs.map(() => 1));
    expect(stored.map((placement) => placement.id).sort()).toEqual(
      ids.map((taps) => taps[0]).sort(),
    );
    expect(await recountDifferences(faulty.stored)).toEqual([]);
  });
});
