import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApolloServer } from '@apollo/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadOrCreateLocalKeys } from '#infra/local/local-keys';
import { seedDemoWorld } from '#infra/local/seed/seed-all';
import { AUDIT_KEYS } from '#kernel/audit';
import type { SubgraphContext } from '#kernel/context';
import { newId } from '#kernel/keys';
import type { Table } from '#kernel/table/table';
import { buildMonolithSchema } from '../bench/monolith/monolith-schema.ts';
import { LOAD_READS, youthProfile } from '../bench/operations.ts';
import { type Callers, createCallers } from '../bench/stack/callers.ts';
import { BENCH_MUNICIPALITY } from '../bench/world/scaled-world.ts';
import { testContext } from '../support/context.ts';
import { execute } from '../support/execute.ts';
import { staffIdentity } from '../support/identities.ts';
import { createTestTable } from '../support/table.ts';

// The bench compares the federated system with this monolith; if the monolith refused what the
// subgraphs allow (or the reverse), the comparison would be of different work.
describe('the bench’s monolith', () => {
  let table: Table;
  let callers: Callers;
  const server = new ApolloServer<SubgraphContext>({ schema: buildMonolithSchema() });

  beforeAll(async () => {
    table = await createTestTable();
    await seedDemoWorld(table);
    callers = createCallers(await loadOrCreateLocalKeys(await mkdtemp(join(tmpdir(), 'keys-'))));
    await server.start();
  });

  afterAll(async () => {
    await server.stop();
  });

  it.each(LOAD_READS.map((operation) => [operation.key, operation] as const))(
    'answers the bench read %s for its caller without an error',
    async (_key, operation) => {
      // Prepare
      const context = testContext(table, await callers.identityFor(operation.as));
      // Act
      const result = await execute(server, context, operation.document, operation.variables);
      // Assess
      expect(result.errors).toBeUndefined();
      expect(Object.values(result.data ?? {}).every((value) => value !== null)).toBe(true);
    },
  );

  it('checks each subgraph’s rules: a consultant of another municipality gets no young person', async () => {
    // Prepare
    const elsewhere = staffIdentity('101');
    expect(elsewhere).not.toMatchObject({ municipalityCode: BENCH_MUNICIPALITY });
    const youthId = String(youthProfile.variables?.id);
    const nobody = newId();
    const refusedBefore = (await strangerRefusals(youthId)).length;
    const context = testContext(table, elsewhere);
    // Act
    const result = await execute(server, context, youthProfile.document, youthProfile.variables);
    // The monolith has no subgraph server's plugin to write the request's audit events.
    await context.audit.flush();
    const unknown = await execute(server, testContext(table, elsewhere), youthProfile.document, {
      ...youthProfile.variables,
      id: nobody,
    });
    // Assess: a stranger to the young person hears what an id of nothing gets, null without an
    // error (#18, class 7); the refusal audited is what shows the people rule was checked.
    expect(result.data?.youth ?? null).toBeNull();
    expect(JSON.stringify(result).replaceAll(youthId, 'ID')).toBe(
      JSON.stringify(unknown).replaceAll(nobody, 'ID'),
    );
    expect((await strangerRefusals(youthId)).length).toBe(refusedBefore + 1);
  });

  /** The refusals of `Query.youth` answered as an id of nothing (#18, class 7). */
  async function strangerRefusals(youthId: string) {
    const items = await table.queryAll({ partition: AUDIT_KEYS.youthPartition(youthId) });
    return items.filter(
      (item) =>
        item.action === 'REFUSED' &&
        item.target === 'Query.youth' &&
        String(item.reason).endsWith('(answered as an id of nothing)'),
    );
  }
});
