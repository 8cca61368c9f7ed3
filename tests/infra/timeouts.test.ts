import { beforeAll, describe, expect, it } from 'vitest';
import { SUBGRAPHS } from '#schema/subgraphs';
import { resourcesOf, type SynthesisedStage, synthesiseStage } from './synth.ts';

interface FunctionProperties {
  Description?: string;
  Timeout?: number;
  Environment?: { Variables?: Record<string, unknown> };
}

let prod: SynthesisedStage;

beforeAll(() => {
  prod = synthesiseStage('prod');
});

/** The properties of the one function with a description. */
function functionDescribed(description: string): FunctionProperties {
  const found = Object.values(resourcesOf(prod.templates.api, 'AWS::Lambda::Function'))
    .map((resource) => resource.Properties as FunctionProperties)
    .filter((properties) => properties.Description === description);
  expect(found).toHaveLength(1);
  return found[0] as FunctionProperties;
}

function milliseconds(properties: FunctionProperties, variable: string): number {
  return Number(properties.Environment?.Variables?.[variable]);
}

describe('timeouts in order, so that nothing commits after the client was told it failed', () => {
  it('a subgraph gives up before its function stops, which is before the gateway stops waiting for it', () => {
    // Prepare
    const gateway = functionDescribed('NEXTWORK federation gateway');
    const callTimeout = milliseconds(gateway, 'SUBGRAPH_TIMEOUT_MS');
    for (const { name } of SUBGRAPHS) {
      // Act
      const subgraph = functionDescribed(`NEXTWORK ${name} subgraph`);
      const deadline = milliseconds(subgraph, 'REQUEST_DEADLINE_MS');
      const functionTimeout = (subgraph.Timeout ?? 0) * 1000;
      // Assess
      expect(deadline, name).toBeGreaterThan(0);
      expect(deadline, name).toBeLessThan(functionTimeout);
      expect(functionTimeout, name).toBeLessThan(callTimeout);
      // Three DynamoDB attempts fit a subgraph's deadline.
      const attempts = milliseconds(subgraph, 'DYNAMODB_MAX_ATTEMPTS');
      const perAttempt = milliseconds(subgraph, 'DYNAMODB_REQUEST_TIMEOUT_MS');
      expect(attempts * perAttempt, name).toBeLessThan(deadline);
    }
  });

  it('the gateway gives up on a request before its function stops, which is before API Gateway stops waiting', () => {
    // Prepare
    const gateway = functionDescribed('NEXTWORK federation gateway');
    const integrations = Object.values(
      resourcesOf(prod.templates.api, 'AWS::ApiGatewayV2::Integration'),
    ).map((resource) => Number(resource.Properties?.TimeoutInMillis));
    // Act
    const callTimeout = milliseconds(gateway, 'SUBGRAPH_TIMEOUT_MS');
    const deadline = milliseconds(gateway, 'GATEWAY_DEADLINE_MS');
    const functionTimeout = (gateway.Timeout ?? 0) * 1000;
    // Assess
    expect(callTimeout).toBeLessThan(deadline);
    expect(deadline).toBeLessThan(functionTimeout);
    expect(integrations.length).toBeGreaterThan(0);
    for (const integration of integrations) expect(functionTimeout).toBeLessThan(integration);
  });
});
