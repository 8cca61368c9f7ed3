import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CompanyEntity, companyKey } from '#companies/repository/company-entity';
import { buildDemoWorld } from '#infra/local/seed/demo-world';
import { YouthEntity, youthKey } from '#people/repository/youth-entity';
import type { FaultRule } from '../support/fault-proxy.ts';
import { type FaultyStack, startFaultyStack } from '../support/faulty-stack.ts';
import { faultsOffAndSettled } from './support/proxy-settled.ts';
import { type RetryingClient, retryingClient } from './support/retrying-client.ts';
import { changeRecords, daysBetween } from './support/stored-changes.ts';
import { aQuarterOfWritesFailing, CODES_OF_FAILED_WRITES } from './support/write-faults.ts';

const ROSKILDE = '265';
const EDITS = 10;
const SEED = 1;
const world = buildDemoWorld();
const roskildeYouth = world.youth.filter((youth) => youth.municipalityCode === ROSKILDE);

/** `updateYouthProfile` with a young person's profile in its payload, as a client shows it. */
const UPDATE_PROFILE = `mutation ($input: UpdateYouthProfileInput!) {
  updateYouthProfile(input: $input) { youth { id version interests } errors { code message } } }`;

/**
 * The first edit's transaction loses its answer on every attempt the SDK makes (it is applied on
 * the first), and then the READ record of its answer, when it shows personal data, is throttled
 * on every attempt: the write path must find the change by its key, and the client must send it
 * again with the key after an `OUTCOME_UNKNOWN`. The rest of the edits meet a quarter of writes
 * failing.
 */
function firstEditLostThenAQuarterFailing(): FaultRule[] {
  return [
    { kind: 'appliedThenDropped', rate: 1, limit: 3, operations: ['TransactWriteItems'] },
    { kind: 'throttled', rate: 1, limit: 3, operations: ['PutItem'] },
    ...aQuarterOfWritesFailing(),
  ];
}

/**
 * Edits of existing records through the gateway under DynamoDB faults (issue 16, §1 and §3),
 * with the SDK's three attempts a call, as in AWS (`infra/config/timeouts.ts`): an edit sent
 * again with its key is applied once — its record's version moves by exactly one — and is never
 * refused as a conflict with itself; a stale version is `CONFLICT` naming the current one; an
 * edit sent without a key whose answer is lost is `OUTCOME_UNKNOWN`, and sending it again with a
 * key tells the client the truth.
 */
describe('edits under DynamoDB faults', () => {
  let faulty: FaultyStack;
  let client: RetryingClient;
  let token: string;

  function faultsOn(rules: FaultRule[]) {
    faulty.proxy.setRules(rules, SEED);
    faulty.proxy.resetCounts();
    faulty.proxy.enable();
  }

  beforeAll(async () => {
    faulty = await startFaultyStack({ dynamoClient: { maxAttempts: 3 } });
    client = retryingClient({ url: faulty.stack.gatewayUrl });
    token = await faulty.token('NETWORK_CONSULTANT', { municipalityCode: ROSKILDE });
  });

  afterAll(async () => {
    await faulty?.stop();
  });

  it("applies each of 10 profile edits sent again with its key exactly once: the young person's version moves by one an edit", async () => {
    // Prepare
    const youthId = roskildeYouth[10]?.id as string;
    const before = (await YouthEntity.read(faulty.stored, youthKey(youthId)))?.version as number;
    faultsOn(firstEditLostThenAQuarterFailing());
    // Act
    const versions: number[] = [];
    let expectedVersion = before;
    for (let edit = 1; edit <= EDITS; edit++) {
      const { payload } = await client.mutate<{ youth: { version: number } }>({
        mutation: 'updateYouthProfile',
        inputType: 'UpdateYouthProfileInput',
        selection: 'youth { id name version interests }',
        input: { youthId, expectedVersion, interests: [`Fejlprøve ${edit}`] },
        token,
      });
      expectedVersion = payload?.youth.version ?? Number.NaN;
      versions.push(expectedVersion);
    }
    const faults = await faultsOffAndSettled(faulty.proxy);
    // Assess
    const stored = await YouthEntity.read(faulty.stored, youthKey(youthId));
    const audited = await changeRecords(faulty.stored, { youthId }, 'updateYouthProfile');
    const acknowledged = client.acknowledged('updateYouthProfile');
    const misses = acknowledged.flatMap((a) => a.misses);
    expect(versions).toEqual(Array.from({ length: EDITS }, (_, n) => before + n + 1));
    expect(stored?.version).toBe(before + EDITS);
    expect(stored?.interests).toEqual([`Fejlprøve ${EDITS}`]);
    expect(audited).toHaveLength(EDITS);
    expect(acknowledged[0]?.misses[0]).toBe('OUTCOME_UNKNOWN');
    expect(misses.filter((miss) => !CODES_OF_FAILED_WRITES.includes(miss))).toEqual([]);
    expect(faults.appliedThenDropped).toBeGreaterThanOrEqual(3);
  });

  it("applies each of 10 company edits sent again with its key exactly once: the company's version moves by one an edit", async () => {
    // Prepare
    const company = world.companies.find(
      (c) => c.municipalityCode === ROSKILDE && c.status === 'ACTIVE',
    );
    const companyId = company?.id as string;
    const before = (await CompanyEntity.read(faulty.stored, companyKey(companyId)))
      ?.version as number;
    const started = new Date();
    faultsOn(firstEditLostThenAQuarterFailing());
    // Act
    const versions: number[] = [];
    let expectedVersion = before;
    for (let edit = 1; edit <= EDITS; edit++) {
      const { payload } = await client.mutate<{ company: { version: number } }>({
        mutation: 'updateCompany',
        inputType: 'UpdateCompanyInput',
        selection: 'company { id version industry }',
        input: { companyId, expectedVersion, industry: `Fejlprøve ${edit}` },
        token,
      });
      expectedVersion = payload?.company.version ?? Number.NaN;
      versions.push(expectedVersion);
    }
    await faultsOffAndSettled(faulty.proxy);
    // Assess
    const stored = await CompanyEntity.read(faulty.stored, companyKey(companyId));
    // A company is no young person: its changes are in the trail of the day they ran.
    const audited = await changeRecords(
      faulty.stored,
      { days: daysBetween(started, new Date()) },
      'updateCompany',
    );
    const misses = client.acknowledged('updateCompany').flatMap((a) => a.misses);
    expect(versions).toEqual(Array.from({ length: EDITS }, (_, n) => before + n + 1));
    expect(stored?.version).toBe(before + EDITS);
    expect(stored?.industry).toBe(`Fejlprøve ${EDITS}`);
    expect(audited).toHaveLength(EDITS);
    expect(misses.filter((miss) => !CODES_OF_FAILED_WRITES.includes(miss))).toEqual([]);
  });

  it('refuses an edit on a stale version with CONFLICT naming the current version, and writes nothing', async () => {
    // Prepare
    const youthId = roskildeYouth[11]?.id as string;
    const stale = (await YouthEntity.read(faulty.stored, youthKey(youthId)))?.version as number;
    const edited = await client.mutate<{ youth: { version: number } }>({
      mutation: 'updateYouthProfile',
      inputType: 'UpdateYouthProfileInput',
      selection: 'youth { id version }',
      input: { youthId, expectedVersion: stale, interests: ['Først'] },
      token,
    });
    faultsOn(aQuarterOfWritesFailing());
    // Act
    const { body } = await client.send(
      UPDATE_PROFILE,
      {
        input: {
          youthId,
          expectedVersion: stale,
          interests: ['Bagefter'],
          idempotencyKey: randomUUID(),
        },
      },
      token,
    );
    await faultsOffAndSettled(faulty.proxy);
    // Assess
    const stored = await YouthEntity.read(faulty.stored, youthKey(youthId));
    const audited = await changeRecords(faulty.stored, { youthId }, 'updateYouthProfile');
    expect(edited.payload?.youth.version).toBe(stale + 1);
    expect(body.data).toBeNull();
    expect(body.errors?.map((e) => e.extensions)).toEqual([
      expect.objectContaining({ code: 'CONFLICT', currentVersion: stale + 1 }),
    ]);
    expect(stored).toMatchObject({ version: stale + 1, interests: ['Først'] });
    expect(audited).toHaveLength(1);
  });

  it('answers an edit sent without a key whose answer is lost past the SDK’s attempts OUTCOME_UNKNOWN, and the same edit sent again with a key CONFLICT at the version it made', async () => {
    // Prepare
    const youthId = roskildeYouth[12]?.id as string;
    const before = (await YouthEntity.read(faulty.stored, youthKey(youthId)))?.version as number;
    const input = { youthId, expectedVersion: before, interests: ['Uden nøgle'] };
    faultsOn([
      { kind: 'appliedThenDropped', rate: 1, limit: 3, operations: ['TransactWriteItems'] },
    ]);
    // Act
    const unkeyed = await faulty.query(UPDATE_PROFILE, { token, variables: { input } });
    const keyed = await client.send(
      UPDATE_PROFILE,
      { input: { ...input, idempotencyKey: randomUUID() } },
      token,
    );
    const faults = await faultsOffAndSettled(faulty.proxy);
    // Assess
    const stored = await YouthEntity.read(faulty.stored, youthKey(youthId));
    const audited = await changeRecords(faulty.stored, { youthId }, 'updateYouthProfile');
    expect(faults.appliedThenDropped).toBe(3);
    expect(unkeyed.body.errors?.map((e) => e.extensions?.code)).toEqual(['OUTCOME_UNKNOWN']);
    expect(keyed.body.errors?.map((e) => e.extensions)).toEqual([
      expect.objectContaining({ code: 'CONFLICT', currentVersion: before + 1 }),
    ]);
    expect(stored).toMatchObject({ version: before + 1, interests: ['Uden nøgle'] });
    expect(audited).toHaveLength(1);
  });
});
