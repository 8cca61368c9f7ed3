import { buildSchema, type GraphQLSchema, parse, validate } from 'graphql';
import { supergraphSdl } from '#schema/generated/supergraph';
import type { BenchOperation } from './operations.ts';

let supergraph: GraphQLSchema | undefined;

/**
 * The problems of each operation against the composed supergraph (unknown fields, wrong
 * arguments, variables of the wrong type), so that an operation that drifted from the schema
 * stops the benchmark before it measures anything.
 *
 * @param operations - the operations
 * @returns one line per problem; empty when all are valid
 */
export function operationProblems(operations: readonly BenchOperation[]): string[] {
  supergraph ??= buildSchema(supergraphSdl, { assumeValidSDL: true });
  const schema = supergraph;
  return operations.flatMap((operation) =>
    validate(schema, parse(operation.document)).map(
      (error) => `${operation.key}: ${error.message}`,
    ),
  );
}
