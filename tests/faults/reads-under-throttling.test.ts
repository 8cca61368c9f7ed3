import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDemoWorld } from '#infra/local/seed/demo-world';
import type { FaultRule } from '../support/fault-proxy.ts';
import { type FaultyStack, startFaultyStack } from '../support/faulty-stack.ts';
import { faultsOffAndSettled } from './support/proxy-settled.ts';

const ROSKILDE = '265';
const world = buildDemoWorld();
const placement = world.placements.find((p) => p.municipalityCode === ROSKILDE);
const group = world.networkGroups.find((g) => g.municipalityCode === ROSKILDE);

/** A read of each subgraph, and one that reads a young person's personal data (a READ record). */
const READS = {
  people: `{ youth(id: "${placement?.youthId}") { id name } }`,
  companies: `{ company(id: "${placement?.companyId}") { id name } }`,
  placements: `{ placement(id: "${placement?.id}") { id status } }`,
  'learning community': `{ networkGroup(id: "${group?.id}") { id name } }`,
  'a listing (Query)': `{ municipality(code: "${ROSKILDE}") { youth(first: 5) { edges { node { id } } } } }`,
};

const DYNAMODB_READS = ['GetItem', 'BatchGetItem', 'Query'];

/**
 * Reads through the gateway while DynamoDB throttles them (or fails them otherwise) past the
 * SDK's three attempts, as in AWS (issue 16, §3): the client is told `TEMPORARILY_UNAVAILABLE`,
 * retryable, never `INTERNAL_SERVER_ERROR`, and is given no data whose audit record was not
 * written.
 */
describe('reads while DynamoDB throttles or fails', () => {
  let faulty: FaultyStack;
  let token: string;

  function throttle(rules: FaultRule[]) {
    faulty.proxy.setRules(rules);
    faulty.proxy.resetCounts();
    faulty.proxy.enable();
  }

  beforeAll(async () => {
    if (!placement || !group) throw new Error('The demo world has no Roskilde placement or group');
    faulty = await startFaultyStack({ dynamoClient: { maxAttempts: 3 } });
    token = await faulty.token('TEAM_LEADER', { municipalityCode: ROSKILDE });
  });

  afterAll(async () => {
    await faulty?.stop();
  });

  it.each<['throttled' | 'throttlingException', string]>(
    Object.entries(READS).flatMap(([subgraph]) => [
      ['throttled', subgraph],
      ['throttlingException', subgraph],
    ]),
  )(
    'answers TEMPORARILY_UNAVAILABLE when every read is %s past the attempts: %s',
    async (kind, subgraph) => {
      // Prepare
      throttle([{ kind, rate: 1, operations: DYNAMODB_READS }]);
      // Act
      const { status, body } = await faulty.query(READS[subgraph as keyof typeof READS], { token });
      const faults = await faultsOffAndSettled(faulty.proxy);
      // Assess
      expect(status).toBe(200);
      expect(body.errors?.map((error) => error.extensions)).toEqual([
        expect.objectContaining({ code: 'TEMPORARILY_UNAVAILABLE', retryable: true }),
      ]);
      expect(JSON.stringify(body.data ?? null)).not.toMatch(/"name"|"status"|"edges"/);
      expect(faults[kind]).toBeGreaterThanOrEqual(3);
      // No read reached DynamoDB; only the gateway's rate limit counter did.
      expect(DYNAMODB_READS.map((read) => faulty.proxy.counts(read).forwarded)).toEqual([0, 0, 0]);
    },
  );

  it.each(['serverError', 'droppedBeforeForward', 'appliedThenDropped'] as const)(
    'answers TEMPORARILY_UNAVAILABLE when every read fails past the attempts (%s)',
    async (kind) => {
      // Prepare
      throttle([{ kind, rate: 1, operations: DYNAMODB_READS }]);
      // Act
      const { body } = await faulty.query(READS.people, { token });
      const faults = await faultsOffAndSettled(faulty.proxy);
      // Assess
      expect(body.data ?? null).toEqual({ youth: null });
      expect(body.errors?.map((error) => error.extensions)).toEqual([
        expect.objectContaining({ code: 'TEMPORARILY_UNAVAILABLE', retryable: true }),
      ]);
      expect(faults[kind]).toBeGreaterThanOrEqual(3);
    },
  );

  it("answers TEMPORARILY_UNAVAILABLE, without the young person's name, when the READ record of the answer is throttled past the attempts", async () => {
    // Prepare
    throttle([{ kind: 'throttled', rate: 1, operations: ['PutItem', 'TransactWriteItems'] }]);
    // Act
    const { status, body } = await faulty.query(READS.people, { token });
    const faults = await faultsOffAndSettled(faulty.proxy);
    // Assess
    expect(status).toBe(200);
    expect(body.data ?? null).toEqual({ youth: null });
    expect(body.errors?.map((error) => error.extensions)).toEqual([
      expect.objectContaining({ code: 'TEMPORARILY_UNAVAILABLE', retryable: true }),
    ]);
    expect(faulty.proxy.counts('PutItem').throttled).toBe(3);
    expect(faults.forwarded).toBeGreaterThan(0);
  });

  it('answers the same reads once DynamoDB takes them again', async () => {
    // Prepare
    faulty.proxy.disable();
    // Act
    const answers = await Promise.all(
      Object.values(READS).map((read) => faulty.query(read, { token })),
    );
    // Assess
    expect(answers.map(({ body }) => body.errors)).toEqual(answers.map(() => undefined));
  });
});
