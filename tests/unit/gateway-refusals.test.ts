import { GraphQLError, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { queryRefusal, refusalCodeOf } from '#gateway/refusals';

/** What Apollo Server makes of a validation rule's error: re-coded, the rule's error kept. */
const asApolloValidationError = (error: GraphQLError) =>
  new GraphQLError(error.message, {
    originalError: error,
    extensions: { ...error.extensions, code: 'GRAPHQL_VALIDATION_FAILED' },
  });

describe('telling the gateway refusals apart from other errors', () => {
  it("finds a limit rule's code under Apollo's validation wrapper", () => {
    // Prepare
    const wrapped = asApolloValidationError(queryRefusal('QUERY_TOO_DEEP', 'too deep'));
    // Act
    const code = refusalCodeOf(
      { message: wrapped.message, extensions: wrapped.extensions },
      wrapped,
    );
    // Assess
    expect(code).toBe('QUERY_TOO_DEEP');
  });

  it("recognises graphql-js's token limit in a parse failure", () => {
    // Prepare
    let message = '';
    try {
      parse(`{ ${'a '.repeat(50)}}`, { maxTokens: 10 });
    } catch (error) {
      message = `Syntax Error: ${(error as Error).message.replace(/^Syntax Error: /, '')}`;
    }
    // Act
    const code = refusalCodeOf({ message, extensions: { code: 'GRAPHQL_PARSE_FAILED' } });
    // Assess
    expect(code).toBe('TOO_MANY_TOKENS');
  });

  it("recognises Apollo's refusal of introspection", () => {
    // Act
    const code = refusalCodeOf({
      message: 'GraphQL introspection is not allowed by Apollo Server',
      extensions: {
        code: 'GRAPHQL_VALIDATION_FAILED',
        validationErrorCode: 'INTROSPECTION_DISABLED',
      },
    });
    // Assess
    expect(code).toBe('INTROSPECTION_DISABLED');
  });

  it('leaves ordinary syntax, validation and subgraph errors alone', () => {
    // Act
    const codes = [
      refusalCodeOf({
        message: 'Syntax Error: Expected Name',
        extensions: { code: 'GRAPHQL_PARSE_FAILED' },
      }),
      refusalCodeOf({
        message: 'Cannot query field "x"',
        extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
      }),
      refusalCodeOf({
        message: 'Not allowed',
        extensions: { code: 'FORBIDDEN', serviceName: 'people' },
      }),
    ];
    // Assess
    expect(codes).toEqual([undefined, undefined, undefined]);
  });
});
