import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readGatewayConfig } from '#gateway/config';
import { createGateway } from '#gateway/gateway';
import { createGatewayLambdaHandler } from '#gateway/lambda-handler';
import { GATEWAY_KEY_PREFIXES } from '#infra/config/key-prefixes';
import { APPEND_ACTIONS, COUNTER_ACTIONS, ITEM_READ_ACTIONS } from '#infra/constructs/table-access';
import { createDynamoClient } from '#kernel/table/client';
import { Table } from '#kernel/table/table';
import { graphqlPostEvent } from '../support/api-gateway-event.ts';
import { startTestStack, type TestStack } from '../support/local-stack.ts';

/**
 * Issue 18, §5: the gateway's role may only add to its rate counters, append its refusals and
 * read the one key of its health report
 * (`infra/config/key-prefixes.ts`, pinned in the template by `tests/infra/stacks.test.ts`).
 * IAM does not run locally, so this test is its stand-in: a gateway on a client of its own
 * records every DynamoDB call it makes while it answers, refuses and audits, and each call must
 * be one the role allows — the action, and the partition key's prefix (`dynamodb:LeadingKeys`).
 */

/** One DynamoDB call as IAM authorises it: an action on one item's partition (or an index). */
interface Call {
  action: string;
  pk?: string;
  index?: string;
}

type Input = {
  Key?: { pk?: { S?: string } };
  Item?: { pk?: { S?: string } };
  IndexName?: string;
  TransactItems?: Array<Record<string, { Item?: Input['Item']; Key?: Input['Key'] }>>;
  RequestItems?: Record<string, unknown>;
};

/** The calls IAM would authorise for one command (a transaction is authorised per action). */
function callsOf(command: string, input: Input): Call[] {
  const action = command.replace(/Command$/, '');
  if (action === 'TransactWriteItems') {
    return (input.TransactItems ?? []).flatMap((entry) =>
      Object.entries(entry).map(([kind, part]) => ({
        action: kind === 'ConditionCheck' ? 'ConditionCheckItem' : `${kind}Item`,
        pk: part.Item?.pk?.S ?? part.Key?.pk?.S,
      })),
    );
  }
  return [
    {
      action,
      pk: input.Item?.pk?.S ?? input.Key?.pk?.S,
      ...(input.IndexName ? { index: input.IndexName } : {}),
    },
  ];
}

/** Whether the gateway's grant allows a call. */
function allowed(call: Call): boolean {
  if (call.index || !call.pk) return false;
  const under = (prefixes: readonly string[] = []) =>
    prefixes.some((prefix) => call.pk?.startsWith(`${prefix}#`));
  const action = `dynamodb:${call.action}`;
  return (
    (ITEM_READ_ACTIONS.includes(action) && under(GATEWAY_KEY_PREFIXES.read)) ||
    (COUNTER_ACTIONS.includes(action) && under(GATEWAY_KEY_PREFIXES.counters)) ||
    (APPEND_ACTIONS.includes(action) && under(GATEWAY_KEY_PREFIXES.append))
  );
}

describe('the gateway within its IAM grant', () => {
  let test: TestStack;
  let client: DynamoDBClient;
  const calls: Call[] = [];
  let send: (body: object, token?: string) => Promise<APIGatewayProxyStructuredResultV2>;
  let handler: ReturnType<typeof createGatewayLambdaHandler>;

  beforeAll(async () => {
    test = await startTestStack('prod');
    client = createDynamoClient(test.stack.dynamoEndpoint);
    client.middlewareStack.add(
      (next, context) => async (args) => {
        calls.push(...callsOf(String(context.commandName), args.input as Input));
        return next(args);
      },
      { step: 'initialize', name: 'recordCallsAsIam' },
    );
    handler = createGatewayLambdaHandler(
      createGateway(
        readGatewayConfig(),
        test.stack.keys.gatewayPrivateKey,
        new Table(client, test.stack.table.name),
      ),
    );
    send = async (body, token) =>
      (await handler(
        graphqlPostEvent(
          JSON.stringify(body),
          {
            'content-type': 'application/json',
            ...(token ? { authorization: `Bearer ${token}` } : {}),
          },
          'least-privilege-test',
        ),
        {} as Context,
      )) as APIGatewayProxyStructuredResultV2;
  });

  afterAll(async () => {
    client?.destroy();
    await test?.stack.stop();
  });

  it('answers, refuses, audits and reports its health with only counter updates, appends and the health key read', async () => {
    // Prepare
    const token = await test.token('NETWORK_CONSULTANT', { municipalityCode: '265' });
    // Act: a query answered, one refused for introspection (audited), one without a token,
    // and the health report (which asks DynamoDB).
    const answered = await send({ query: '{ municipalities { code } }' }, token);
    const refused = await send({ query: '{ __schema { types { name } } }' }, token);
    const anonymous = await send({ query: '{ municipalities { code } }' });
    const health = await handler(
      { ...graphqlPostEvent('', {}, 'health'), rawPath: '/health' },
      {} as Context,
    );
    // Assess
    expect(answered.statusCode).toBe(200);
    expect(String(refused.body)).toContain('errors');
    expect(anonymous.statusCode).toBeGreaterThanOrEqual(400);
    expect(JSON.parse(String(health.body))).toMatchObject({ dynamodb: 'up' });
    expect(calls.map((call) => call.action)).toEqual(
      expect.arrayContaining(['UpdateItem', 'PutItem', 'GetItem']),
    );
    expect(calls.filter((call) => !allowed(call))).toEqual([]);
  }, 60_000);
});
