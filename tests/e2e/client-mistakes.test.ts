import { createHash } from 'node:crypto';
import { Logger } from '@aws-lambda-powertools/logger';
import type { APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { importJWK, type JWTPayload, SignJWT } from 'jose';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { readGatewayConfig } from '#gateway/config';
import { createGateway } from '#gateway/gateway';
import { createGatewayLambdaHandler } from '#gateway/lambda-handler';
import { DEV_AUDIENCE, DEV_ISSUER } from '#infra/local/dev-issuer';
import { graphqlPostEvent } from '../support/api-gateway-event.ts';
import { startTestStack, type TestStack } from '../support/local-stack.ts';

/**
 * Issue 24, item 1: a client's mistake is answered as the client's, through both entry points
 * of the gateway (the local HTTP server in front of the Lambda handler, and the Lambda handler
 * called with an API Gateway v2 event as AWS calls it), on a stack with the production
 * settings: a status below 500, a typed code, a JSON body, and no line at error level (error
 * logs and 5xx answers drive the alarms).
 */

/** What the gateway answered. */
interface Answer {
  status: number;
  contentType: string;
  text: string;
  body: { data?: unknown; errors?: Array<{ message: string; extensions?: { code?: string } }> };
}

/** Sends a raw body to the gateway with headers, as a client would. */
type Send = (body: string, headers?: Record<string, string>) => Promise<Answer>;

const PROGRAMME_FIGURES = '{ programmeStats(from: "2026-01-01") { youthStats { total } } }';

/** The codes of an answer's errors. */
const codesOf = (answer: Answer) => (answer.body.errors ?? []).map((e) => e.extensions?.code);

function answerOf(status: number, contentType: string, text: string): Answer {
  let body: Answer['body'] = {};
  try {
    body = JSON.parse(text) as Answer['body'];
  } catch {
    body = {};
  }
  return { status, contentType, text, body };
}

describe('client mistakes are answered as client mistakes', () => {
  let test: TestStack;
  let token: string;
  let overHttp: Send;
  let inProcess: Send;
  const errorLines: unknown[][] = [];

  beforeAll(async () => {
    test = await startTestStack('prod');
    token = await test.token('PROGRAMME');
    overHttp = async (body, headers = {}) => {
      const response = await fetch(test.stack.gatewayUrl, { method: 'POST', headers, body });
      return answerOf(
        response.status,
        response.headers.get('content-type') ?? '',
        await response.text(),
      );
    };
    // A second gateway handler in this process, configured as the stack configured its own.
    const handler = createGatewayLambdaHandler(
      createGateway(readGatewayConfig(), test.stack.keys.gatewayPrivateKey, test.stack.table),
    );
    inProcess = async (body, headers = {}) => {
      const result: APIGatewayProxyStructuredResultV2 = await handler(
        graphqlPostEvent(body, headers, 'client-mistakes-test'),
        {} as Context,
      );
      const header = Object.entries(result.headers ?? {}).find(
        ([name]) => name.toLowerCase() === 'content-type',
      );
      return answerOf(result.statusCode ?? 200, String(header?.[1] ?? ''), result.body ?? '');
    };
  });

  afterAll(async () => {
    await test?.stack.stop();
  });

  beforeEach(() => {
    errorLines.length = 0;
    // Every logger of the process (the gateway's, each subgraph's request loggers) is one.
    vi.spyOn(Logger.prototype, 'error').mockImplementation((...line: unknown[]) => {
      errorLines.push(line);
    });
    vi.spyOn(console, 'error').mockImplementation((...line: unknown[]) => {
      errorLines.push(line);
    });
  });

  afterEach(() => {
    vi.restoreAllMocks();
  });

  /** Asserts an answer is a client's mistake with a code, in the GraphQL-over-HTTP format. */
  const expectClientMistake = (answer: Answer, code: string) => {
    expect(answer.status, answer.text).toBeLessThan(500);
    expect(answer.contentType).toMatch(/^application\/(graphql-response\+)?json/);
    expect(codesOf(answer), answer.text).toEqual([code]);
    expect(errorLines).toEqual([]);
  };

  /** A JSON POST with the programme office's token. */
  const json = () => ({ 'content-type': 'application/json', authorization: `Bearer ${token}` });

  describe.each([
    ['over HTTP through the local server', () => overHttp],
    ['through the Lambda handler', () => inProcess],
  ])('%s', (_, entry) => {
    it('refuses a document of two operations without an operationName with 400', async () => {
      // Prepare
      const query = `query A ${PROGRAMME_FIGURES} query B { municipalities { code } }`;
      // Act
      const answer = await entry()(JSON.stringify({ query }), json());
      // Assess
      expect(answer.status).toBe(400);
      expectClientMistake(answer, 'OPERATION_RESOLUTION_FAILURE');
    });

    it('refuses an operationName the document does not have with 400', async () => {
      // Prepare
      const query = `query A ${PROGRAMME_FIGURES} query B { municipalities { code } }`;
      // Act
      const answer = await entry()(JSON.stringify({ query, operationName: 'C' }), json());
      // Assess
      expect(answer.status).toBe(400);
      expectClientMistake(answer, 'OPERATION_RESOLUTION_FAILURE');
    });

    it('runs the operation an operationName names', async () => {
      // Prepare
      const query = `query A ${PROGRAMME_FIGURES} query B { municipalities { code } }`;
      // Act
      const answer = await entry()(JSON.stringify({ query, operationName: 'B' }), json());
      // Assess
      expect(answer.status).toBe(200);
      expect(answer.body.errors).toBeUndefined();
      expect(answer.body.data).toEqual({ municipalities: expect.any(Array) });
    });

    it('refuses a subscription with 400', async () => {
      // Act
      const answer = await entry()(
        JSON.stringify({ query: 'subscription { municipalities { code } }' }),
        json(),
      );
      // Assess
      expect(answer.status).toBe(400);
      expectClientMistake(answer, 'BAD_REQUEST');
    });

    it("answers a body that is not JSON with 400 BAD_REQUEST as JSON, not the parser's text", async () => {
      // Act
      const answer = await entry()('{"query": "{ municipalities { code } }"', json());
      // Assess
      expect(answer.status).toBe(400);
      expectClientMistake(answer, 'BAD_REQUEST');
      expect(answer.text).not.toMatch(/JSON at position|Unexpected|Expected/);
    });

    it('answers an unknown persisted-query hash with PERSISTED_QUERY_NOT_FOUND, then serves it once sent', async () => {
      // Prepare: a query no one has sent to this gateway yet
      const query = `{ municipalities { code name } } # ${Math.random()}`;
      const sha256Hash = createHash('sha256').update(query).digest('hex');
      const persistedQuery = { extensions: { persistedQuery: { version: 1, sha256Hash } } };
      // Act
      const unknown = await entry()(JSON.stringify(persistedQuery), json());
      const registered = await entry()(JSON.stringify({ query, ...persistedQuery }), json());
      const known = await entry()(JSON.stringify(persistedQuery), json());
      // Assess
      expectClientMistake(unknown, 'PERSISTED_QUERY_NOT_FOUND');
      expect(registered.body.data).toEqual({ municipalities: expect.any(Array) });
      expect(known.body).toEqual(registered.body);
    });

    it("refuses a persisted query whose hash is not its query's with 400 BAD_REQUEST", async () => {
      // Prepare
      const query = '{ municipalities { code } }';
      const sha256Hash = createHash('sha256').update('another query').digest('hex');
      // Act
      const answer = await entry()(
        JSON.stringify({ query, extensions: { persistedQuery: { version: 1, sha256Hash } } }),
        json(),
      );
      // Assess
      expect(answer.status).toBe(400);
      expectClientMistake(answer, 'BAD_REQUEST');
    });
  });

  describe("a subgraph's refusal of the input reaches the client with its code", () => {
    it('answers an impossible date in a programme figures period as BAD_USER_INPUT, not an outage', async () => {
      // Prepare
      const query =
        'query Figures($from: Date) { programmeStats(from: $from) { youthStats { total } } }';
      // Act
      const answer = await overHttp(
        JSON.stringify({ query, variables: { from: '2026-02-30' } }),
        json(),
      );
      // Assess
      expectClientMistake(answer, 'BAD_USER_INPUT');
      expect(answer.body.errors?.[0]?.message).toContain('2026-02-30');
    });

    it("answers an impossible date written in the query as the subgraph's validation failure", async () => {
      // Act
      const answer = await overHttp(
        JSON.stringify({
          query: '{ programmeStats(from: "2026-02-30") { youthStats { total } } }',
        }),
        json(),
      );
      // Assess
      expectClientMistake(answer, 'GRAPHQL_VALIDATION_FAILED');
    });

    it("answers an impossible date in a municipality's figures, fetched beside others, with its code", async () => {
      // Prepare: the people subgraph's figures of every municipality, one batched call
      const query = `query Figures($from: Date) {
        municipalities { code youthStats(from: $from) { total } companyStats { active } }
      }`;
      // Act
      const answer = await overHttp(
        JSON.stringify({ query, variables: { from: '2026-02-30' } }),
        json(),
      );
      // Assess
      expect(answer.status).toBeLessThan(500);
      expect(new Set(codesOf(answer))).toEqual(new Set(['BAD_USER_INPUT']));
      expect(errorLines).toEqual([]);
    });

    it('answers the call a subgraph refused with its code and the call batched beside it with data', async () => {
      // Prepare: two fetches from the companies subgraph in parallel, sent as one batched call,
      // only the first with the impossible date
      const query = `query Figures($from: Date) {
        refused: municipalities { code companyStats(from: $from) { active } }
        served: municipalities { code companyStats { active } }
      }`;
      // Act
      const answer = await overHttp(
        JSON.stringify({ query, variables: { from: '2026-02-30' } }),
        json(),
      );
      // Assess
      expect(answer.status).toBeLessThan(500);
      expect(new Set(codesOf(answer))).toEqual(new Set(['BAD_USER_INPUT']));
      const data = answer.body.data as {
        refused: Array<{ companyStats: unknown }>;
        served: Array<{ companyStats: { active: number } | null }>;
      };
      expect(data.refused.map((m) => m.companyStats)).toEqual(data.refused.map(() => null));
      expect(data.served.map((m) => m.companyStats?.active)).toEqual(
        data.served.map(() => expect.any(Number)),
      );
      expect(errorLines).toEqual([]);
    });

    it('answers an enrolment with an impossible date of birth as BAD_USER_INPUT', async () => {
      // Prepare
      const consultant = await test.token('NETWORK_CONSULTANT', { municipalityCode: '265' });
      const query = `mutation Enrol($input: EnrolYouthInput!) {
        enrolYouth(input: $input) { youth { id } errors { code } }
      }`;
      const input = {
        municipalityCode: '265',
        name: 'Mads Nielsen',
        dateOfBirth: '2003-02-30',
        phone: '22 33 44 55',
        benefitCategory: 'EDUCATION_READY',
      };
      // Act
      const answer = await overHttp(JSON.stringify({ query, variables: { input } }), {
        'content-type': 'application/json',
        authorization: `Bearer ${consultant}`,
      });
      // Assess
      expectClientMistake(answer, 'BAD_USER_INPUT');
    });
  });
  describe('tokens are not taken on trust (issue 24, item 6)', () => {
    const HOUR = 3600;
    const now = () => Math.floor(Date.now() / 1000);

    /** A token of the development issuer, its times as given and nothing else wrong. */
    const signed = async (times: { iat?: number; exp?: number }) => {
      const claims: JWTPayload = { 'cognito:groups': ['PROGRAMME'], token_use: 'id', ...times };
      const keys = test.stack.keys;
      return new SignJWT(claims)
        .setProtectedHeader({ alg: 'RS256', kid: keys.issuerPrivateKey.kid as string, typ: 'JWT' })
        .setIssuer(DEV_ISSUER)
        .setAudience(DEV_AUDIENCE)
        .setSubject('programme-all')
        .sign(await importJWK(keys.issuerPrivateKey, 'RS256'));
    };

    it.each([
      ['without an expiry', () => ({ iat: now() })],
      ['issued an hour from now', () => ({ iat: now() + HOUR, exp: now() + 2 * HOUR })],
      ['living a year', () => ({ iat: now(), exp: now() + 365 * 24 * HOUR })],
    ])('refuses a token %s with 401 UNAUTHENTICATED', async (_, times) => {
      // Prepare
      const crafted = await signed(times());
      // Act
      const answer = await overHttp(JSON.stringify({ query: PROGRAMME_FIGURES }), {
        'content-type': 'application/json',
        authorization: `Bearer ${crafted}`,
      });
      // Assess
      expect(answer.status).toBe(401);
      expect(answer.body.data ?? null).toBeNull();
      expectClientMistake(answer, 'UNAUTHENTICATED');
    });

    it('serves a token of sound times, as the development issuer mints them', async () => {
      // Prepare
      const sound = await signed({ iat: now(), exp: now() + 12 * HOUR });
      // Act
      const answer = await overHttp(JSON.stringify({ query: PROGRAMME_FIGURES }), {
        'content-type': 'application/json',
        authorization: `Bearer ${sound}`,
      });
      // Assess
      expect(answer.status).toBe(200);
      expect(answer.body.errors).toBeUndefined();
    });
  });
});
