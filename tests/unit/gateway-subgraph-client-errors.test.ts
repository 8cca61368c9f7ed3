import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { clientMistakeAnswerOf } from '#gateway/subgraph-client-errors';

/** The error the gateway's data source raises for a call answered with a non-2xx status. */
function failedCall(status: number, body: unknown): GraphQLError {
  return new GraphQLError(`${status}: Bad Request`, {
    extensions: { response: { url: 'http://people.local/graphql', status, body } },
  });
}

const REFUSED = {
  errors: [
    {
      message: 'Variable "$from" got invalid value "2026-02-30"',
      extensions: { code: 'BAD_USER_INPUT' },
    },
  ],
};

describe("a subgraph's answer to a client mistake, found in a failed call", () => {
  it('is the GraphQL answer of a 400, its errors as the subgraph gave them', () => {
    // Act
    const answer = clientMistakeAnswerOf(failedCall(400, REFUSED));
    // Assess
    expect(answer).toEqual({ errors: REFUSED.errors });
  });

  it('keeps the data of an answer that has some', () => {
    // Act
    const answer = clientMistakeAnswerOf(failedCall(400, { ...REFUSED, data: null }));
    // Assess
    expect(answer).toEqual({ errors: REFUSED.errors, data: null });
  });

  it.each([
    ['a server error', 500],
    ['a refused identity assertion', 401],
    ['a refused IAM signature', 403],
    ['a throttle', 429],
  ])('is none for %s', (_, status) => {
    // Act, Assess
    expect(clientMistakeAnswerOf(failedCall(status, REFUSED))).toBeUndefined();
  });

  it.each([
    ['a text page', '<html>Bad Request</html>'],
    ["Lambda's throttle message", { Message: 'Rate Exceeded.' }],
    ['a batch of answers', [REFUSED, REFUSED]],
    ['an answer without errors', { data: { youth: null } }],
  ])('is none for a 400 whose body is %s', (_, body) => {
    // Act, Assess
    expect(clientMistakeAnswerOf(failedCall(400, body))).toBeUndefined();
  });

  it('is none for an error of the network, which has no response', () => {
    // Act, Assess
    expect(clientMistakeAnswerOf(new Error('connect ECONNREFUSED'))).toBeUndefined();
  });
});
