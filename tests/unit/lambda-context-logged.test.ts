import type { Context } from 'aws-lambda';
import { exportJWK, generateKeyPair } from 'jose';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { readGatewayConfig, subgraphUrlVariable } from '#gateway/config';
import { createGateway } from '#gateway/gateway';
import { createGatewayLambdaHandler } from '#gateway/lambda-handler';
import { SUBGRAPHS } from '#schema/subgraphs';
import { graphqlPostEvent } from '../support/api-gateway-event.ts';

/**
 * Every function's log lines carry its Lambda invocation (#17): here the gateway's handler,
 * called in process as Lambda calls it, logs a refusal (without a table, the gateway logs
 * refusals at WARN) whose line names the invocation and whether it was a cold start.
 */

/** A Lambda context as the runtime passes it. */
function lambdaContext(awsRequestId: string): Context {
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName: 'nextwork-gateway',
    functionVersion: '$LATEST',
    invokedFunctionArn: 'arn:aws:lambda:eu-north-1:123456789012:function:nextwork-gateway',
    memoryLimitInMB: '1024',
    awsRequestId,
    logGroupName: '/aws/lambda/nextwork-gateway',
    logStreamName: 'stream',
    getRemainingTimeInMillis: () => 10_000,
    done: () => {},
    fail: () => {},
    succeed: () => {},
  };
}

describe('the Lambda context in log lines', () => {
  const lines: Array<Record<string, unknown>> = [];
  // Powertools writes INFO to standard output and WARN and ERROR to standard error.
  const spies = [process.stdout, process.stderr].map((stream) =>
    vi.spyOn(stream, 'write').mockImplementation(((chunk: string) => {
      for (const text of String(chunk).split('\n')) {
        if (text.startsWith('{"level"')) lines.push(JSON.parse(text) as Record<string, unknown>);
      }
      return true;
    }) as typeof stream.write),
  );
  afterAll(() => {
    for (const spy of spies) spy.mockRestore();
  });

  it('names the invocation and its cold start in what the gateway logs', async () => {
    // Prepare
    const { privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
    const config = readGatewayConfig({
      AUTH_ISSUER: 'https://issuer.test',
      AUTH_AUDIENCE: 'nextwork',
      AUTH_JWKS_URI: 'https://issuer.test/jwks.json',
      ...Object.fromEntries(
        SUBGRAPHS.map(({ name }) => [subgraphUrlVariable(name), `http://127.0.0.1:9/${name}`]),
      ),
    });
    const handler = createGatewayLambdaHandler(createGateway(config, await exportJWK(privateKey)));
    // Act
    const answer = await handler(
      graphqlPostEvent('{"query":"{ municipalities { code } }"}', {}, 'test'),
      lambdaContext('request-1'),
    );
    // Assess
    expect(answer.statusCode).toBe(401);
    const refused = lines.find((line) => line.message === 'refused');
    expect(refused).toMatchObject({
      function_request_id: 'request-1',
      function_name: 'nextwork-gateway',
      cold_start: expect.any(Boolean),
    });
  });
});
