import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { captureEmf } from '../support/emf.ts';
import { startTestStack, type TestStack } from '../support/local-stack.ts';

/**
 * What operators see of the gateway (#17), through the real local stack: every request counted
 * by its root field and outcome, a refusal by its code, and a subgraph that does not answer as a
 * failed call of that subgraph — each an embedded-metric-format line on standard output, as in
 * Lambda, with names and codes as dimensions only.
 */
describe('gateway metrics', () => {
  let test: TestStack;
  const emf = captureEmf();

  beforeAll(async () => {
    test = await startTestStack();
  });
  afterEach(() => emf.clear());
  afterAll(async () => {
    emf.restore();
    await test?.stack.stop();
  });

  it('counts a request by its root field and outcome OK', async () => {
    // Prepare
    const token = await test.token('PROGRAMME');
    // Act
    const { body } = await test.query('{ municipalities { code } }', { token });
    // Assess
    expect(body.errors).toBeUndefined();
    expect(emf.metric('Requests')).toEqual([
      {
        namespace: 'NEXTWORK',
        service: 'nextwork',
        stage: expect.any(String),
        operation: 'municipalities',
        outcome: 'OK',
        value: 1,
      },
    ]);
  });

  it('counts a request without a token as refused UNAUTHENTICATED, before any operation', async () => {
    // Act
    const { status } = await test.query('{ municipalities { code } }');
    // Assess
    expect(status).toBe(401);
    expect(emf.metric('Refusals')).toEqual([
      expect.objectContaining({ code: 'UNAUTHENTICATED', value: 1 }),
    ]);
    expect(emf.metric('Requests')).toEqual([
      expect.objectContaining({ operation: 'none', outcome: 'UNAUTHENTICATED', value: 1 }),
    ]);
  });

  it('counts the call to a subgraph that does not answer as a failed call of that subgraph', async () => {
    // Prepare
    const token = await test.token('PROGRAMME');
    await test.stack.stopSubgraph('people');
    // Act
    const { body } = await test.query('{ municipalities { code } }', { token });
    // Assess
    expect(body.errors?.[0]?.extensions?.code).toBe('SUBGRAPH_UNAVAILABLE');
    expect(emf.metric('SubgraphCallsFailed')).toEqual([
      expect.objectContaining({ subgraph: 'people', reason: 'UNAVAILABLE', value: 1 }),
    ]);
    expect(emf.metric('Requests')).toEqual([
      expect.objectContaining({ operation: 'municipalities', outcome: 'SUBGRAPH_UNAVAILABLE' }),
    ]);
  });
});
