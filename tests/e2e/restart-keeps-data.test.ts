import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mintDevToken } from '#infra/local/dev-issuer';
import { freePort, startDynamoDbLocal } from '#infra/local/dynamodb-local';
import { type LocalStack, startLocalStack } from '#infra/local/local-stack';
import { saveMunicipalities } from '#people/repository/municipality-repository';

/**
 * The local stack on a DynamoDB Local whose files live under dataDir, as `npm start` runs it.
 * The ports stay the same across the restart because this test restarts in one process, where
 * the handler modules keep the endpoints they were first loaded with (`npm start` is a new
 * process each time).
 */
async function start(dataDir: string, ports: { dynamo: number; gateway: number }) {
  const dynamo = await startDynamoDbLocal({ path: join(dataDir, 'dynamodb'), port: ports.dynamo });
  const stack: LocalStack = await startLocalStack({
    dataDir,
    port: ports.gateway,
    dynamoEndpoint: dynamo.endpoint,
    tableName: 'nextwork',
    stage: 'dev',
    seed: false,
  });
  return {
    stack,
    stop: async () => {
      await stack.stop();
      await dynamo.stop();
    },
  };
}

describe('the local stack across a restart', () => {
  it('keeps the data and the keys (tokens stay valid) when stopped and started again', async () => {
    // Prepare
    const dataDir = await mkdtemp(join(tmpdir(), 'nextwork-restart-'));
    const ports = { dynamo: await freePort(), gateway: await freePort() };
    const first = await start(dataDir, ports);
    await saveMunicipalities(first.stack.table, [{ code: '851', name: 'Aalborg' }]);
    const token = await mintDevToken(first.stack.keys, { role: 'PROGRAMME' });
    await first.stop();
    // Act
    const second = await start(dataDir, ports);
    try {
      const response = await fetch(second.stack.gatewayUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: '{ municipality(code: "851") { code name } }' }),
      });
      // Assess
      expect(await response.json()).toEqual({
        data: { municipality: { code: '851', name: 'Aalborg' } },
      });
    } finally {
      await second.stop();
    }
  }, 120_000);
});
