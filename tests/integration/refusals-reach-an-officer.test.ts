import { beforeAll, describe, expect, it } from 'vitest';
import { createRateLimitedCounter } from '#gateway/rate-limited-count';
import { createAuditTrail } from '#kernel/audit';
import type { Identity } from '#kernel/identity';
import type { Table } from '#kernel/table/table';
import { server } from '#people/server';
import { auditItemsOfDay } from '../support/audit-days.ts';
import { testContext } from '../support/context.ts';
import { execute } from '../support/execute.ts';
import { fixtureId } from '../support/fixture-id.ts';
import { companyContactIdentity, programmeIdentity, staffIdentity } from '../support/identities.ts';
import { dataProtectionOfficerIdentity } from '../support/people-factories.ts';
import { createTestTable } from '../support/table.ts';

/** 10:00:30 on a day: half way through a one-minute window. */
const MID_WINDOW = Date.UTC(2026, 10, 26, 10, 0, 30);
const DAY = '2026-11-26';

const REFUSED = `query ($scope: RefusalScope) {
  refusedAttempts(from: "${DAY}", to: "${DAY}", scope: $scope, first: 100) {
    edges { node { target actorSubject actorRole reason count correlationId } }
  }
}`;

type Node = Record<string, unknown>;

/**
 * Rate-limited calls are counted, one record per caller and minute, and every refusal reaches a
 * data protection officer (issue 18, class 3).
 */
describe('refusals reach a data protection officer, counted', () => {
  let table: Table;

  /** What an officer of a municipality lists, on the municipality's list or the programme-wide one. */
  async function listed(officerOf: string, scope: 'MUNICIPALITY' | 'PROGRAMME_WIDE') {
    const result = await execute(
      server,
      testContext(table, dataProtectionOfficerIdentity(officerOf)),
      REFUSED,
      { scope },
    );
    expect(result.errors).toBeUndefined();
    const connection = result.data?.refusedAttempts as { edges: Array<{ node: Node }> };
    return connection.edges.map((edge) => edge.node);
  }

  beforeAll(async () => {
    table = await createTestTable();
  });

  it('counts 100 rate-limited calls of one caller in one minute as one record the officer reads, writing no audit record each', async () => {
    // Prepare
    const caller = staffIdentity('265', 'NETWORK_CONSULTANT', fixtureId('flooder'));
    const count = createRateLimitedCounter({ table, retentionDays: 30, now: () => MID_WINDOW });
    // Act
    for (let i = 0; i < 100; i++) await count(caller, `corr-${String(i).padStart(7, '0')}`);
    // Assess
    const records = (await listed('265', 'MUNICIPALITY')).filter(
      (node) => node.actorSubject === caller.subject,
    );
    expect(records).toEqual([
      expect.objectContaining({
        target: 'gateway:rate-limit',
        actorRole: 'NETWORK_CONSULTANT',
        count: 100,
        correlationId: 'corr-0000099',
      }),
    ]);
    expect(await auditItemsOfDay(table, DAY)).toEqual([]);
  });

  it('counts another minute of the same caller as a record of its own', async () => {
    // Prepare
    const caller = staffIdentity('265', 'TEAM_LEADER', fixtureId('flooder'));
    let now = MID_WINDOW;
    const count = createRateLimitedCounter({ table, retentionDays: 30, now: () => now });
    // Act
    await count(caller, 'corr-0000001');
    now += 60_000;
    await count(caller, 'corr-0000002');
    await count(caller, 'corr-0000003');
    // Assess
    const counts = (await listed('265', 'MUNICIPALITY'))
      .filter((node) => node.actorSubject === caller.subject)
      .map((node) => node.count);
    expect(counts).toEqual([2, 1]);
  });

  it.each<[string, Identity | null]>([
    ['the programme office', programmeIdentity()],
    ['a company contact', companyContactIdentity(fixtureId('c'))],
    ['an unauthenticated caller', null],
  ])(
    "shows the refusals of %s on the programme-wide list, read by every municipality's officer",
    async (_who, identity) => {
      // Prepare
      const correlationId = fixtureId('corr');
      const trail = createAuditTrail({
        table,
        who: identity ? { subject: identity.subject, role: identity.role } : null,
        correlationId,
        now: () => new Date(MID_WINDOW),
        retentionDays: 30,
      });
      trail.record({ action: 'REFUSED', target: 'Query.youth', reason: 'FORBIDDEN: rule x' });
      await trail.flush();
      // Act
      const roskilde = await listed('265', 'PROGRAMME_WIDE');
      const kobenhavn = await listed('101', 'PROGRAMME_WIDE');
      const ownList = await listed('265', 'MUNICIPALITY');
      // Assess
      const mine = (nodes: Node[]) => nodes.filter((node) => node.correlationId === correlationId);
      expect(mine(roskilde)).toEqual([
        expect.objectContaining({ target: 'Query.youth', actorRole: identity?.role ?? 'NONE' }),
      ]);
      expect(mine(kobenhavn)).toHaveLength(1);
      expect(mine(ownList)).toEqual([]);
    },
  );
});
