import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { municipalityKey } from '#people/repository/municipality-entity';
import { type FaultyStack, startFaultyStack } from '../support/faulty-stack.ts';

/**
 * The helper the fault-injection suite starts its stack with: the demo world is seeded with the
 * faults off, every DynamoDB call of the stack goes through the proxy, and the faults reach a
 * client through the gateway as the error codes a client can act on.
 */
describe('the local stack behind the fault proxy', () => {
  let faulty: FaultyStack;

  beforeAll(async () => {
    faulty = await startFaultyStack({ rules: [{ kind: 'throttled', rate: 1 }] });
  });

  afterAll(async () => {
    await faulty?.stop();
  });

  it('seeds with the faults off; a throttled DynamoDB reaches the client as TEMPORARILY_UNAVAILABLE until the faults are off again', async () => {
    // Prepare
    const seeded = faulty.proxy.counts();
    const token = await faulty.token('PROGRAMME');
    const query = '{ municipality(code: "265") { code name } }';
    faulty.proxy.resetCounts();
    // Act
    faulty.proxy.enable();
    const throttled = await faulty.query(query, { token });
    faulty.proxy.disable();
    const answered = await faulty.query(query, { token });
    // Assess
    expect(seeded.requests).toBeGreaterThan(0);
    expect(seeded.forwarded).toBe(seeded.requests);
    expect(throttled.body.errors?.[0]?.extensions?.code).toBe('TEMPORARILY_UNAVAILABLE');
    expect(faulty.proxy.counts().throttled).toBeGreaterThan(0);
    expect(answered.body).toEqual({ data: { municipality: { code: '265', name: 'Roskilde' } } });
    expect(await faulty.stored.get(municipalityKey('265'))).toBeDefined();
  });
});
