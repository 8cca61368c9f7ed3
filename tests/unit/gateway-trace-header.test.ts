import { afterEach, describe, expect, it } from 'vitest';
import { SubgraphTransport, TRACE_HEADER } from '#gateway/subgraph-transport';

/**
 * The gateway carries the X-Ray trace of its invocation into every subgraph call (#17), so that
 * the subgraph's function (active tracing) continues the gateway's trace; locally there is none
 * and nothing is sent.
 */
describe("the gateway's subgraph calls", () => {
  const transport = new SubgraphTransport({
    name: 'people',
    url: 'http://127.0.0.1:9/graphql',
    timeoutMs: 1_000,
    signAssertion: async () => 'assertion',
  });
  const call = async () => {
    const headers = new Headers();
    await transport.willSendRequest({
      request: { http: { headers, method: 'POST', url: 'http://127.0.0.1:9/graphql' } },
      context: { identity: null, correlationId: 'c-1' },
    } as unknown as Parameters<SubgraphTransport['willSendRequest']>[0]);
    return headers;
  };

  afterEach(() => {
    delete process.env._X_AMZN_TRACE_ID;
  });

  it("carry the invocation's trace header as Lambda set it", async () => {
    // Prepare
    const trace = 'Root=1-6751c0de-0123456789abcdef01234567;Parent=53995c3f42cd8ad8;Sampled=1';
    process.env._X_AMZN_TRACE_ID = trace;
    // Act
    const headers = await call();
    // Assess
    expect(headers.get(TRACE_HEADER)).toBe(trace);
  });

  it('carry none where there is no trace (the local stack)', async () => {
    // Act
    const headers = await call();
    // Assess
    expect(headers.has(TRACE_HEADER)).toBe(false);
  });
});
