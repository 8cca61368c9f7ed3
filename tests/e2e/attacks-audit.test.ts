import { randomUUID } from 'node:crypto';
import diagnostics from 'node:diagnostics_channel';
import type { ClientRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mintDevToken } from '#infra/local/dev-issuer';
import { buildDemoWorld } from '#infra/local/seed/demo-world';
import { AUDIT_KEYS, type AuditRecord, auditRecordFromItem } from '#kernel/audit';
import { CORRELATION_HEADER } from '#kernel/identity-assertion';
import { startTestStack, type TestStack } from '../support/local-stack.ts';

/**
 * The attacks of issue 18 on the audit trail (class 3) and cheap denial of service (class 8),
 * through real HTTP against one local stack with the production settings: padding a request
 * with refusals cannot read unaudited, a flood of refusals is one record, a flood of 429s is a
 * count, a flood of `/health` costs the subgraphs a bounded number of calls.
 */

const world = buildDemoWorld();
const ROSKILDE = '265';
const RATE_LIMIT = 5;
/** Aliases of a refused field per young person: 60 young people × 25 = 1,500 refusals. */
const PADDING = 25;

const roskildeYouth = world.youth.filter((youth) => youth.municipalityCode === ROSKILDE);

/** A fresh correlation id, by which an attack's audit records are found. */
const correlation = (attack: string) => `attack-${attack}-${randomUUID().slice(0, 8)}`;

describe('attacks on the audit trail and cheap denial of service, over HTTP', () => {
  let test: TestStack;
  let previousRateLimit: string | undefined;

  /** A young person's audit records of one request. */
  const trailOf = async (youthId: string, correlationId: string): Promise<AuditRecord[]> =>
    (await test.stack.table.queryAll({ partition: AUDIT_KEYS.youthPartition(youthId) }))
      .map(auditRecordFromItem)
      .filter((record) => record.correlationId === correlationId);

  beforeAll(async () => {
    previousRateLimit = process.env.RATE_LIMIT_PER_MINUTE;
    process.env.RATE_LIMIT_PER_MINUTE = String(RATE_LIMIT);
    test = await startTestStack('prod');
  });

  afterAll(async () => {
    await test?.stack.stop();
    if (previousRateLimit === undefined) delete process.env.RATE_LIMIT_PER_MINUTE;
    else process.env.RATE_LIMIT_PER_MINUTE = previousRateLimit;
  });

  it('records a READ of every young person whose name it answers, however many refusals pad the request, and each refusal once with its count', async () => {
    // Prepare: a consultant asks for every young person's support notes (the psychologist's
    // alone) 25 times over, and their names: 1,500 refusals around 60 reads
    const token = await mintDevToken(test.stack.keys, {
      role: 'NETWORK_CONSULTANT',
      municipalityCode: ROSKILDE,
      staffId: `padding-${randomUUID().slice(0, 8)}`,
    });
    const id = correlation('padding');
    const padding = Array.from({ length: PADDING }, (_, i) => `n${i}: supportNotes { __typename }`);
    const query = `{ municipality(code: "${ROSKILDE}") { youth(first: 100) { edges { node {
      id ${padding.join(' ')} name } } } } }`;
    // Act
    const answer = await test.query<{
      municipality: { youth: { edges: Array<{ node: { id: string; name: string | null } }> } };
    }>(query, { token, headers: { [CORRELATION_HEADER]: id } });
    // Assess: every name answered has its READ record; each young person's refusal is one record
    const answered = (answer.body.data?.municipality.youth.edges ?? [])
      .map((edge) => edge.node)
      .filter((node) => node.name !== null);
    expect(answered.length).toBeGreaterThan(roskildeYouth.length / 2);
    const unaudited: string[] = [];
    const refusalCounts: number[] = [];
    for (const node of answered) {
      const records = await trailOf(node.id, id);
      if (!records.some((r) => r.action === 'READ' && r.target === 'Youth.name')) {
        unaudited.push(node.id);
      }
      const refusals = records.filter(
        (r) => r.action === 'REFUSED' && r.target === 'Youth.supportNotes',
      );
      refusalCounts.push(refusals.length === 1 ? (refusals[0]?.count ?? 1) : -refusals.length);
    }
    expect(unaudited).toEqual([]);
    expect(new Set(refusalCounts)).toEqual(new Set([PADDING]));
  });

  it('counts a flood of rate-limited calls as one record per caller and minute, which the officer lists', async () => {
    // Prepare: an identity of its own
    const staffId = `rate-flood-${randomUUID().slice(0, 8)}`;
    const token = await mintDevToken(test.stack.keys, {
      role: 'NETWORK_CONSULTANT',
      municipalityCode: ROSKILDE,
      staffId,
    });
    // Act: the limit, then 30 more (a minute's window may roll over once)
    let limited = 0;
    for (let sent = 0; sent < RATE_LIMIT + 30; sent++) {
      const answer = await test.query('{ __typename }', {
        token,
        headers: { [CORRELATION_HEADER]: correlation('rate') },
      });
      if (answer.status === 429) limited += 1;
    }
    // Assess
    const listed = (
      await test.stack.table.queryAll({
        index: 'gsi1',
        partition: AUDIT_KEYS.refusedPartition(ROSKILDE),
      })
    )
      .map(auditRecordFromItem)
      .filter((record) => record.subject === staffId && record.target === 'gateway:rate-limit');
    expect(limited).toBeGreaterThanOrEqual(20);
    expect(listed.length).toBeGreaterThan(0);
    expect(listed.length).toBeLessThanOrEqual(2);
    expect(listed.reduce((sum, record) => sum + (record.count ?? 1), 0)).toBe(limited);
  });

  it('asks the subgraphs for a bounded number of calls under a flood of anonymous /health', async () => {
    // Prepare: the gateway's health probes are watched through Node's diagnostics channel
    let probes = 0;
    const watch = (message: unknown) => {
      const request = (message as { request: ClientRequest }).request;
      if (request.getHeader(CORRELATION_HEADER) === 'gateway-health') probes += 1;
    };
    diagnostics.subscribe('http.client.request.created', watch);
    const started = Date.now();
    try {
      // Act: 200 at once, then 100 one after another
      const concurrent = await Promise.all(
        Array.from({ length: 200 }, () => fetch(test.stack.healthUrl)),
      );
      const sequential: number[] = [];
      for (let i = 0; i < 100; i++) sequential.push((await fetch(test.stack.healthUrl)).status);
      // Assess: four probes (one per subgraph) per five-second interval that began
      const intervals = Math.ceil((Date.now() - started) / 5_000) + 1;
      expect(concurrent.every((response) => response.status === 200)).toBe(true);
      expect(sequential.every((status) => status === 200)).toBe(true);
      expect(probes).toBeGreaterThan(0);
      expect(probes).toBeLessThanOrEqual(4 * intervals);
    } finally {
      diagnostics.unsubscribe('http.client.request.created', watch);
    }
  });
});
