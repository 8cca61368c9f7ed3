import { buildSchema, type OperationDefinitionNode, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { operationLabel, outcomeLabel } from '#gateway/gateway-metrics';

/**
 * The gateway's `Requests` metric is counted by operation and outcome (#17): names the schema
 * has and codes the system gives, never what a client may write (its operationName, an id in an
 * argument), so that the metrics stay few and carry no data.
 */
const schema = buildSchema(`
  type Query { youth(id: ID!): String, municipalities: [String] }
  type Mutation { updateCompany(id: ID!): String }
`);

const operationOf = (document: string) => parse(document).definitions[0] as OperationDefinitionNode;

describe('labels of the Requests metric', () => {
  it("name the operation by its one root field, never the client's operationName or arguments", () => {
    // Act
    const labels = [
      operationLabel({ schema, operation: operationOf('query Y9f2 { youth(id: "y-0A1B") }') }),
      operationLabel({ schema, operation: operationOf('mutation { updateCompany(id: "c-1") }') }),
      operationLabel({ schema, operation: operationOf('{ youth(id: "1") municipalities }') }),
      operationLabel({ schema, operation: operationOf('{ notInTheSchema }') }),
      operationLabel({ schema, operation: undefined }),
    ];
    // Assess
    expect(labels).toEqual(['youth', 'updateCompany', 'several', 'OTHER', 'none']);
  });

  it('name the outcome OK, or by the first error code the client gets, a code the system gives', () => {
    // Act
    const labels = [
      outcomeLabel(undefined),
      outcomeLabel([{ message: 'x', extensions: { code: 'FORBIDDEN' } }]),
      outcomeLabel([{ message: 'x', extensions: { code: 'QUERY_TOO_DEEP' } }]),
      outcomeLabel([{ message: 'x', extensions: { code: 'SUBGRAPH_UNAVAILABLE' } }]),
      outcomeLabel([{ message: 'x', extensions: { code: 'YOUTH#0A1B' } }]),
      outcomeLabel([{ message: 'x' }]),
    ];
    // Assess
    expect(labels).toEqual([
      'OK',
      'FORBIDDEN',
      'QUERY_TOO_DEEP',
      'SUBGRAPH_UNAVAILABLE',
      'OTHER',
      'INTERNAL_SERVER_ERROR',
    ]);
  });
});
