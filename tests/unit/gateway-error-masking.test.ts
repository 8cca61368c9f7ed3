import { GraphQLError } from 'graphql';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { maskError } from '#gateway/error-masking';
import { queryRefusal } from '#gateway/refusals';
import { logger } from '#kernel/logger';

/** An error as the gateway's data source and Apollo hand it over after a failed subgraph call. */
const INTERNAL = {
  message: 'connect ECONNREFUSED 10.0.3.17:443',
  path: ['municipalities', 0, 'networkStats'],
  extensions: {
    code: 'DOWNSTREAM_SERVICE_ERROR',
    serviceName: 'learning-community',
    response: {
      url: 'https://abc.lambda-url.eu-north-1.on.aws/graphql',
      status: 502,
      body: '{"message":"Internal"}',
    },
    stacktrace: ['Error: connect ECONNREFUSED', '    at TCPConnectWrap.afterConnect'],
  },
};

describe('what clients are told about errors', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('tells production clients nothing of an unexpected error but that it happened', () => {
    // Prepare
    vi.spyOn(logger, 'error').mockImplementation(() => {});
    // Act
    const masked = maskError(INTERNAL, undefined, true);
    // Assess
    expect(masked).toEqual({
      message: 'Internal server error',
      path: ['municipalities', 0, 'networkStats'],
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
  });

  it('keeps the message and code of a deliberate error and drops whatever else is attached', () => {
    // Act
    const masked = maskError(
      {
        message: 'Not allowed',
        path: ['youth'],
        extensions: { code: 'FORBIDDEN', serviceName: 'people', query: '{ … }', variables: {} },
      },
      undefined,
      true,
    );
    // Assess
    expect(masked).toEqual({
      message: 'Not allowed',
      path: ['youth'],
      extensions: { code: 'FORBIDDEN' },
    });
  });

  it("restores a limit's own code under Apollo's validation code", () => {
    // Prepare
    const refusal = queryRefusal('TOO_MANY_ALIASES', 'The query uses 1000 aliases');
    // Act
    const masked = maskError(
      { message: refusal.message, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } },
      { message: refusal.message, originalError: refusal },
      true,
    );
    // Assess
    expect(masked).toEqual({
      message: 'The query uses 1000 aliases',
      extensions: { code: 'TOO_MANY_ALIASES' },
    });
  });

  it('leaves unexpected errors readable in development', () => {
    // Prepare
    vi.spyOn(logger, 'error').mockImplementation(() => {});
    // Act
    const masked = maskError(INTERNAL, undefined, false);
    // Assess
    expect(masked.message).toBe(INTERNAL.message);
  });

  it.each(['PERSISTED_QUERY_NOT_FOUND', 'OPERATION_RESOLUTION_FAILURE'])(
    'keeps %s, a client mistake, and logs nothing at error level',
    (code) => {
      // Prepare
      const logged = vi.spyOn(logger, 'error').mockImplementation(() => {});
      // Act
      const masked = maskError(
        { message: 'What the client did', extensions: { code } },
        undefined,
        true,
      );
      // Assess
      expect(masked).toEqual({ message: 'What the client did', extensions: { code } });
      expect(logged).not.toHaveBeenCalled();
    },
  );

  it('answers an error Apollo raised with a 4xx status and no code as BAD_REQUEST, not as its own fault', () => {
    // Prepare: a persisted query whose hash is not its query's, as Apollo raises it
    const logged = vi.spyOn(logger, 'error').mockImplementation(() => {});
    const raised = new GraphQLError('provided sha does not match query', {
      extensions: { http: { status: 400 } },
    });
    // Act
    const masked = maskError(
      { message: raised.message, extensions: { code: 'INTERNAL_SERVER_ERROR' } },
      raised,
      true,
    );
    // Assess
    expect(masked).toEqual({
      message: 'provided sha does not match query',
      extensions: { code: 'BAD_REQUEST' },
    });
    expect(logged).not.toHaveBeenCalled();
  });

  it('keeps the code and issues of a date out of its range for production clients', () => {
    // Prepare
    const formatted = {
      message: 'Invalid period: from must not be before 2024-01-01, when the programme began',
      path: ['municipality', 'youthStats'],
      extensions: {
        code: 'DATE_OUT_OF_RANGE',
        issues: [{ path: 'from', message: 'must not be before 2024-01-01' }],
      },
    };
    // Act
    const masked = maskError(formatted, undefined, true);
    // Assess
    expect(masked).toEqual(formatted);
  });
});
